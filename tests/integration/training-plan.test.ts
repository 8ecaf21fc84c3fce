// The training plan over HTTP (issue #13) on a real server: responses submitted through the public
// API, then the plan's draft compared with a plan computed here independently — the needs figures
// from the test oracle (tests/support/needs-oracle.ts, which shares no code with lib/needs), the
// plan's rules (docs/training-plan.md) restated below; saving, reloading and versions; what moved
// after more responses; the CSV parsed back; the .docx read back with mammoth; suppression of small
// groups and places; and the same plan for the second survey (dnc-inspeccion).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { and, eq, sql } from "drizzle-orm";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, tablesOf } from "@/db/client";
import { int } from "@/db/dialect";
import { dncInspeccionDataset } from "../support/dnc-inspeccion-dataset";
import { generateAnswers, prng } from "../support/needs-fixtures";
import { expectedNeeds, oracleSurvey, releaseState, type ExpectedNeeds, type OracleResponse, type OracleSurvey } from "../support/needs-oracle";
import { createUser, openTestDb, signIn, TEST_PASSWORD } from "../support/coordinators";
import { startServer, type TestServer } from "../support/server";

type Json = Record<string, unknown>;
const K = 5;
const TOP = 5;
let server: TestServer;
let admin: string;
let analyst: string;

const definitionOf = (slug: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../surveys/${slug}.json`), "utf8")) as Json;

async function submit(slug: string, data: Json, link: string | null): Promise<void> {
  const res = await fetch(`${server.url}/api/responses/${randomUUID()}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ survey: slug, unit: link, locale: "es", data, complete: true }),
  });
  if (res.status !== 200) throw new Error(`PUT ${slug} → ${res.status}: ${(await res.text()).slice(0, 400)}`);
}

async function readUnits(): Promise<{ id: number; code: string; linkCode: string; region: string; expected: number; active: boolean }[]> {
  const db = await openTestDb(server.db);
  try {
    const { units } = tablesOf(db);
    return await db
      .select({ id: units.id, code: units.code, linkCode: units.linkCode, region: units.region, expected: units.expected, active: units.active })
      .from(units);
  } finally {
    await closeDb(db);
  }
}

async function get(url: string, cookie = analyst): Promise<Response> {
  return fetch(`${server.url}${url}`, { headers: { cookie } });
}
async function getPlan(slug: string, query = ""): Promise<PlanJson> {
  const res = await get(`/api/surveys/${slug}/plan${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as PlanJson;
}

interface TopicJson {
  topic: string;
  figures: { n: number; mwds: number; rank: number; quadrant: string } | null;
  highFor: { group: string | null; n: number; rank: number }[];
  audience: {
    sites: { site: string; respondents: number; officials: number | null }[];
    byGroup: { group: string | null; respondents: number }[];
    respondents: number;
    suggested: string[];
  };
}
interface PlanJson {
  k: number;
  n: number | null;
  draft: { topics: TopicJson[]; modules: { id: string; scope: string; group: string | null }[] };
  logistics: Record<
    string,
    { items: { value: string; count: number | null; share: number | null; borda?: number | null }[]; best?: string[] } | null
  > | null;
  saved: { version: number; author: string } | null;
  edits: {
    modules: {
      id: string;
      topics: string[];
      title: string | null;
      accepted: boolean;
      places: string[] | null;
      months: string[] | null;
      notes: string;
    }[];
    notes: string;
  };
  plan: { modules: { id: string; title: string | null; accepted: boolean; places: string[]; months: string[]; notes: string }[] };
  changes: { any: boolean; nBefore: number | null; nAfter: number | null; topics: { topic: string }[]; modules: { id: string }[] } | null;
  versions: { version: number }[];
}

// --- The plan's rules, restated on the oracle's figures -------------------------------------

type Figures = NonNullable<ExpectedNeeds["total"]>;
const shown = (f: Figures, topic: string) => f.topics.find((t) => t.topic === topic && t.n >= K && t.mwds !== null);
const isTop = (t: { rank: number | null; mwds: number | null }) => t.rank !== null && t.rank <= TOP && (t.mwds ?? 0) > 0;

function highGroups(report: ExpectedNeeds, topic: string, only?: string | null) {
  return report.groups.flatMap((g) => {
    if (g.suppressed || (only !== undefined && g.group !== only)) return [];
    const t = shown(g, topic);
    return t && isTop(t) ? [{ group: g.group, n: g.n, rank: t.rank as number }] : [];
  });
}

interface ExpectedPlan {
  modules: { id: string; scope: string; group: string | null }[];
  topics: Map<string, { highFor: string[]; sites: { site: string; respondents: number; officials: number | null }[]; respondents: number }>;
}

function independentPlan(
  survey: OracleSurvey,
  responses: OracleResponse[],
  groupsBy: string,
  sitesBy: string | null,
  headcount: Map<string, number> | null,
): ExpectedPlan {
  const national = expectedNeeds(survey, K, responses, { by: groupsBy });
  const total = national.total as Figures;
  const siteReports = sitesBy
    ? (survey.choices[sitesBy] ?? []).map((site) => ({
        site,
        report: expectedNeeds(survey, K, responses, { by: groupsBy, filters: { [sitesBy]: site } }),
      }))
    : [];
  const core: { id: string; rank: number }[] = [];
  const specific: { id: string; rank: number; group: string | null }[] = [];
  const topics: ExpectedPlan["topics"] = new Map();
  for (const code of survey.topics) {
    const t = shown(total, code);
    if (!t) continue;
    const high = highGroups(national, code);
    const only = high.length === 1 ? high[0]!.group : undefined;
    const sites = siteReports.flatMap(({ site, report }) => {
      if (report.suppressed || report.n === null) return [];
      const respondents = highGroups(report, code, only).reduce((s, g) => s + g.n, 0);
      if (respondents < K) return [];
      const h = headcount?.get(site);
      return [{ site, respondents, officials: h ? Math.round((h * respondents) / report.n) : null }];
    });
    sites.sort((a, b) => b.respondents - a.respondents);
    const respondents = sitesBy ? sites.reduce((s, x) => s + x.respondents, 0) : high.reduce((s, g) => s + g.n, 0);
    topics.set(code, { highFor: high.map((g) => String(g.group)), sites, respondents });
    if (only !== undefined) specific.push({ id: code, rank: t.rank as number, group: only });
    else if (t.quadrant === "prioridad_alta" || isTop(t)) core.push({ id: code, rank: t.rank as number });
  }
  const byRank = (a: { rank: number }, b: { rank: number }) => a.rank - b.rank;
  return {
    modules: [
      ...core.sort(byRank).map((m) => ({ id: m.id, scope: "core", group: null })),
      ...specific.sort(byRank).map((m) => ({ id: m.id, scope: "specific", group: m.group })),
    ],
    topics,
  };
}

function compareWithIndependent(plan: PlanJson, expected: ExpectedPlan): void {
  expect(plan.draft.modules.map(({ id, scope, group }) => ({ id, scope, group }))).toEqual(expected.modules);
  for (const [code, e] of expected.topics) {
    const got = plan.draft.topics.find((t) => t.topic === code) as TopicJson;
    expect(
      got.highFor.map((g) => String(g.group)),
      code,
    ).toEqual(e.highFor);
    expect(got.audience.respondents, code).toBe(e.respondents);
    // Ties in respondents may come in either order only if their choice order says so: compare as sets with counts.
    expect(
      [...got.audience.sites].sort((a, b) => a.site.localeCompare(b.site)),
      code,
    ).toEqual([...e.sites].sort((a, b) => a.site.localeCompare(b.site)));
  }
}

// --- The dataset ------------------------------------------------------------------------------

const tim = { definition: definitionOf("dnc-tim"), responses: [] as OracleResponse[] };
let timSurvey: OracleSurvey;
/** The small group: three judges in Puno who all rate T18 as their greatest need. */
const SMALL_GROUP = 3;

/** The fixtures' answers made complete for the API's validation (the fixtures write to the database directly). */
function valid(data: Json): Json {
  const out = { ...data };
  if ((out.obstaculos as string[] | undefined)?.includes("otro")) out.obstaculo_otro = "Distancia a la sede";
  return out;
}

async function postTim(count: number, seed: number, epoch = 0): Promise<void> {
  const units = (await readUnits()).filter((u) => ["CR-TAC", "CR-TUM", "CR-LMA"].includes(u.code));
  const rng = prng(seed);
  for (let i = 0; i < count; i++) {
    const g = generateAnswers(rng, units, [
      ["pnp", 35],
      ["migraciones", 30],
      ["ministerio_publico", 25],
    ]);
    const unit = units.find((u) => u.id === g.unitId) ?? null;
    const data = valid(g.data);
    await submit("dnc-tim", data, unit?.linkCode ?? null);
    tim.responses.push({ answers: data, complete: true, unit: unit?.id ?? null, day: "", epoch });
  }
}

beforeAll(async () => {
  server = await startServer({ env: { SONDEO_MIN_GROUP_SIZE: String(K) } });
  await createUser(server.db, "admin@dgsd.gob.pe", "admin");
  await createUser(server.db, "analista@dgsd.gob.pe", "analyst");
  admin = await signIn(server.url, "admin@dgsd.gob.pe", TEST_PASSWORD);
  analyst = await signIn(server.url, "analista@dgsd.gob.pe", TEST_PASSWORD);
  timSurvey = oracleSurvey(tim.definition);
  await postTim(150, 31);
  // A group below k with a need of its own: it must not become a module or a place.
  const rng = prng(5);
  for (let i = 0; i < SMALL_GROUP; i++) {
    const g = generateAnswers(rng, [], [["poder_judicial", 1]]);
    const necesidades = Object.fromEntries(
      timSurvey.topics.map((t) => [t, t === "T18" ? { importancia: 5, dominio: 1 } : { importancia: 2, dominio: 2 }]),
    );
    const data = valid({ ...g.data, region: "PE-PUN", necesidades });
    await submit("dnc-tim", data, null);
    tim.responses.push({ answers: data, complete: true, unit: null, day: "" });
  }
  for (const data of dncInspeccionDataset().completed) await submit("dnc-inspeccion", data, null);
}, 240_000);

afterAll(async () => {
  await server?.stop();
});

async function headcountByRegion(): Promise<Map<string, number>> {
  // Units shown by coverage: the active ones (all sample units are active here).
  const m = new Map<string, number>();
  for (const u of await readUnits()) if (u.active) m.set(u.region, (m.get(u.region) ?? 0) + u.expected);
  return m;
}

describe("the draft", () => {
  it("proposes the modules, groups, audiences and places an independent computation finds", async () => {
    const plan = await getPlan("dnc-tim");
    // The published responses (docs/confidentiality.md): the three judges wait for k of their kind.
    expect(plan.n).toBe(expectedNeeds(timSurvey, K, tim.responses, { by: "institucion" }).n);
    expect(plan.n).toBe(tim.responses.length - SMALL_GROUP);
    expect(plan.draft.modules.length).toBeGreaterThan(2);
    compareWithIndependent(plan, independentPlan(timSurvey, tim.responses, "institucion", "region", await headcountByRegion()));
    // Officials are estimated for regions with units (their expected headcount).
    const someSite = plan.draft.topics.flatMap((t) => t.audience.sites)[0];
    expect(someSite?.officials).not.toBeNull();
  });

  it("follows the filters (here one institution)", async () => {
    const plan = await getPlan("dnc-tim", "?institucion=pnp");
    const mine = tim.responses.filter((r) => r.answers.institucion === "pnp");
    expect(plan.n).toBe(mine.length);
    compareWithIndependent(plan, independentPlan(timSurvey, mine, "institucion", "region", await headcountByRegion()));
  });

  it("never shows a module or a place built from fewer than k people", async () => {
    const plan = await getPlan("dnc-tim");
    // The three judges of Puno rank T18 first, but they are fewer than k.
    expect(plan.draft.modules.some((m) => m.group === "poder_judicial")).toBe(false);
    for (const t of plan.draft.topics) {
      expect(
        t.highFor.some((g) => g.group === "poder_judicial"),
        t.topic,
      ).toBe(false);
      expect(
        t.audience.sites.some((s) => s.site === "PE-PUN"),
        t.topic,
      ).toBe(false);
      for (const s of t.audience.sites) expect(s.respondents).toBeGreaterThanOrEqual(K);
      for (const g of t.highFor) expect(g.n).toBeGreaterThanOrEqual(K);
      if (t.figures) expect(t.figures.n).toBeGreaterThanOrEqual(K);
    }
    // Logistics counts: none below k.
    for (const q of Object.values(plan.logistics ?? {}))
      for (const i of q?.items ?? []) if (i.count !== null) expect(i.count === 0 || i.count >= K).toBe(true);
    // A filter below k shows no plan at all.
    const small = await getPlan("dnc-tim", "?institucion=poder_judicial");
    expect(small.n).toBeNull();
    expect(small.draft.modules).toEqual([]);
  });

  it("ranks the modalities by Borda count with the share ranked first", async () => {
    const plan = await getPlan("dnc-tim");
    const modality = plan.logistics?.modality;
    expect(modality).toBeTruthy();
    // Independent: mean Borda score = m − mean position among those who ranked it, over the
    // published responses only (the oracle's replay of the release rule): the three judges wait.
    const published = releaseState(timSurvey, K, tim.responses)
      .people.filter((p) => p.batch !== null)
      .map((p) => p.response);
    expect(published.length).toBe(tim.responses.length - SMALL_GROUP);
    const m = 7;
    const scores = new Map<string, { sum: number; first: number }>();
    for (const r of published) {
      const order = r.answers.modalidad_orden as string[];
      order.forEach((v, i) => {
        const s = scores.get(v) ?? { sum: 0, first: 0 };
        s.sum += m - (i + 1);
        if (i === 0) s.first += 1;
        scores.set(v, s);
      });
    }
    const n = published.length;
    const expected = [...scores.entries()].map(([v, s]) => ({ value: v, borda: s.sum / n })).sort((a, b) => b.borda - a.borda);
    expect(modality!.items.map((i) => i.value)).toEqual(expected.map((e) => e.value));
    for (const item of modality!.items) {
      expect(item.borda).toBeCloseTo(scores.get(item.value)!.sum / n, 9);
      const first = scores.get(item.value)!.first;
      if (item.count !== null) expect(item.count).toBe(first);
    }
    expect(plan.logistics?.months?.best?.length).toBeGreaterThan(0);
  });
});

describe("editing and saving", () => {
  it("saves the edits as versions, reloads them, and refuses analysts and bad edits", async () => {
    const before = await getPlan("dnc-tim");
    const [first, second, third] = before.edits.modules;
    expect(third).toBeTruthy();
    const edits = {
      modules: [
        {
          ...third!,
          title: "Trata de personas: identificación de víctimas",
          places: ["PE-TAC", "PE-TUM"],
          months: ["03", "04"],
          notes: "En frontera, con Migraciones",
        },
        { ...first!, topics: [...first!.topics, ...second!.topics], id: `${first!.id}+${second!.id}` },
        ...before.edits.modules.slice(3).map((m, i) => (i === 0 ? { ...m, accepted: false } : m)),
      ],
      notes: "Plan piloto — ñandú ¿sí?",
    };
    const put = (cookie: string, body: unknown) =>
      fetch(`${server.url}/api/surveys/dnc-tim/plan`, {
        method: "PUT",
        headers: { cookie, "content-type": "application/json", origin: server.url },
        body: JSON.stringify(body),
      });
    expect((await put(analyst, { edits, filters: {} })).status).toBe(403);
    const bad = await put(admin, { edits: { ...edits, modules: [{ ...edits.modules[0]!, topics: ["T99"] }] }, filters: {} });
    expect(bad.status).toBe(422);
    const badPlace = await put(admin, { edits: { ...edits, modules: [{ ...edits.modules[0]!, places: ["Narnia"] }] }, filters: {} });
    expect(badPlace.status).toBe(422);
    const res = await put(admin, { edits, filters: {} });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as PlanJson;
    expect(saved.saved?.version).toBe(1);
    const again = await getPlan("dnc-tim");
    expect(again.saved).toMatchObject({ version: 1, author: "admin@dgsd.gob.pe" });
    expect(again.edits).toEqual(edits);
    expect(again.plan.modules[0]).toMatchObject({
      title: "Trata de personas: identificación de víctimas",
      places: ["PE-TAC", "PE-TUM"],
      months: ["03", "04"],
    });
    expect(again.changes?.any).toBe(false);
    // A second save is a second version; both are listed.
    expect((await put(admin, { edits: { ...edits, notes: "v2: plan piloto — señal ¿sí?" }, filters: {} })).status).toBe(200);
    const v2 = await getPlan("dnc-tim");
    expect(v2.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(v2.edits.notes).toBe("v2: plan piloto — señal ¿sí?");
    // Saved and audited.
    const db = await openTestDb(server.db);
    try {
      const { auditLog } = tablesOf(db);
      const [saves] = await db
        .select({ n: int(sql`count(*)`) })
        .from(auditLog)
        .where(and(eq(auditLog.action, "plan.save"), eq(auditLog.target, "dnc-tim")));
      expect(saves?.n).toBe(2);
    } finally {
      await closeDb(db);
    }
  });

  it("shows what moved since the plan was saved", async () => {
    // Submitted after the earlier reads: the next read makes a second release.
    await postTim(40, 77, 1);
    const plan = await getPlan("dnc-tim");
    expect(plan.changes?.any).toBe(true);
    const published = (list: OracleResponse[]) => expectedNeeds(timSurvey, K, list, { by: "institucion" }).n;
    expect(plan.changes?.nBefore).toBe(published(tim.responses.filter((r) => !r.epoch)));
    expect(plan.changes?.nAfter).toBe(published(tim.responses));
    // Every module's respondents changed with 40 more responses, or some topic moved.
    expect((plan.changes?.modules.length ?? 0) + (plan.changes?.topics.length ?? 0)).toBeGreaterThan(0);
    compareWithIndependent(plan, independentPlan(timSurvey, tim.responses, "institucion", "region", await headcountByRegion()));
  });
});

describe("outputs", () => {
  it("gives the plan's tables as CSV", async () => {
    const res = await get("/api/surveys/dnc-tim/export/plan.csv?labels=es");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/sondeo-dnc-tim-plan-\d{8}-\d{4}\.csv/);
    const rows = parse((await res.text()).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    const plan = await getPlan("dnc-tim");
    const accepted = plan.plan.modules.filter((m) => m.accepted);
    const moduleRows = rows.filter((r) => r.table === "module");
    expect([...new Set(moduleRows.map((r) => r.module))]).toEqual(accepted.map((m) => m.id));
    expect(moduleRows[0]).toMatchObject({
      module_title: "Trata de personas: identificación de víctimas",
      places: "Tacna; Tumbes",
      months: "Marzo; Abril",
    });
    const t = plan.draft.topics.find((x) => x.topic === moduleRows[0]!.topic)!;
    expect(Number(moduleRows[0]!.mwds)).toBeCloseTo(t.figures!.mwds, 3);
    for (const r of rows.filter((x) => x.table === "module_site")) expect(Number(r.respondents)).toBeGreaterThanOrEqual(K);
    expect(rows.some((r) => r.table === "module_site" && r.site === "PE-PUN")).toBe(false);
    expect(rows.some((r) => r.table === "logistics" && r.field === "modality" && r.borda !== "")).toBe(true);
  });

  it("gives a Word document with the modules and their figures, in Spanish and English", async () => {
    const es = await get("/api/surveys/dnc-tim/export/plan.docx?labels=es");
    expect(es.status).toBe(200);
    expect(es.headers.get("content-type")).toContain("wordprocessingml");
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await es.arrayBuffer()) })).value;
    expect(text).toContain("Plan de capacitación");
    expect(text).toContain("Módulo 1. Trata de personas: identificación de víctimas");
    expect(text).toContain("Lugares propuestos: Tacna, Tumbes");
    expect(text).toContain("Formato y calendario");
    expect(text).toContain("v2: plan piloto — señal ¿sí?");
    const plan = await getPlan("dnc-tim");
    const m1 = plan.edits.modules[0]!;
    const f = plan.draft.topics.find((t) => t.topic === m1.topics[0])!.figures!;
    expect(text).toContain(f.mwds.toFixed(2));
    expect(text).not.toContain("Puno");
    // The dropped module is not in the document (topic codes appear only in its modules' tables).
    const dropped = plan.edits.modules.find((m) => !m.accepted)!;
    expect(text).not.toContain(`${dropped.topics[0]} `);
    const en = await get("/api/surveys/dnc-tim/export/plan.docx?labels=en");
    const textEn = (await mammoth.extractRawText({ buffer: Buffer.from(await en.arrayBuffer()) })).value;
    expect(textEn).toContain("Training plan");
    expect(textEn).toContain("Format and calendar");
    expect(textEn).toContain(f.mwds.toFixed(2));
  });
});

describe("the second survey (dnc-inspeccion)", () => {
  it("drafts a plan by function with intendancies as places, and format without calendar", async () => {
    const responses = dncInspeccionDataset().completed.map((answers) => ({ answers, complete: true, unit: null, day: "" }));
    const survey = oracleSurvey(definitionOf("dnc-inspeccion"));
    const plan = await getPlan("dnc-inspeccion");
    expect(plan.n).toBe(expectedNeeds(survey, K, responses, { by: "funcion" }).n);
    compareWithIndependent(plan, independentPlan(survey, responses, "funcion", "intendencia", null));
    expect(plan.draft.modules.length).toBeGreaterThan(0);
    // ire_junin (1) and ire_loreto (2) are below k: never a place.
    for (const t of plan.draft.topics) for (const s of t.audience.sites) expect(["ire_junin", "ire_loreto", "ire_ancash"]).not.toContain(s.site);
    expect(plan.logistics?.modality).toBeTruthy();
    expect(plan.logistics?.schedule).toBeTruthy();
    expect(plan.logistics?.months).toBeNull();
    expect(plan.logistics?.duration).toBeNull();
    const docx = await get("/api/surveys/dnc-inspeccion/export/plan.docx?labels=es");
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) })).value;
    expect(text).toContain("Módulo 1.");
    expect(text).not.toContain("Meses:");
  });
});
