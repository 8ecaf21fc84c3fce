// GET /api/surveys/{slug}/summary and the summary page against a real server: responses posted
// through PUT /api/responses/{uuid} (dnc-tim, and a small survey without a needs declaration in
// the server's own surveys folder), figures recomputed here from the posted answers, and the
// small-cell rules worked out by hand in the comments (k = 5). Under the release rule
// (release-rule.md) the posted responses are read once, one release: poder_judicial's 2 wait, so
// dnc-tim's figures are those of the 14 others (pnp 8, migraciones 6).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SummaryItem, SummarySection } from "@/lib/summary/question-summary";
import { call } from "../support/coordinators";
import { createAnalyst, loginCookie } from "../support/needs-auth";
import { completeAnswers } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";

const ROOT = path.resolve(__dirname, "../..");
let server: TestServer;
let surveysDir: string;
let cookie: string;

type Answers = Record<string, unknown>;
type Summary = {
  survey: string;
  k: number;
  n: number | null;
  suppressed: string | null;
  questions: SummarySection[];
  error?: string;
  message?: string;
};

const INSTITUTIONS = {
  pnp: ["dirctptim", "policia_investigador"],
  migraciones: ["control_migratorio", "inspector_migratorio"],
  poder_judicial: ["juzgado_penal", "fiscal_juez"],
} as const;
const HOURS = [0, 4, 8, 12, 16, 40, 75, 120];
const ORDER = ["talleres_casos", "presencial", "semipresencial", "virtual_vivo", "pasantias", "formador_formadores", "autoaprendizaje"];

/** Sixteen valid dnc-tim responses: pnp 8, migraciones 6, poder_judicial 2 (i = 14, 15). */
function dncTimAnswers(i: number): Answers {
  const institucion = i < 8 ? "pnp" : i < 14 ? "migraciones" : "poder_judicial";
  const [dependencia, cargo_categoria] = INSTITUTIONS[institucion];
  const base = completeAnswers({
    institucion,
    dependencia,
    cargo_categoria,
    duracion: ["1_dia", "2_3_dias", "2_3_dias", "1_semana"][i % 4],
    horario: i < 12 ? "jornada" : "indistinto",
    // Of the 14 released, 9 put talleres_casos first and 5 presencial (both ≥ k: shown).
    modalidad_orden: i < 9 ? ORDER : [ORDER[1], ORDER[0], ...ORDER.slice(2)],
    meses_disponibles: i < 3 ? ["03", "11"] : ["03", "04", "09"],
    casos_12m_tim: 12,
  });
  const trained = i % 2 === 0;
  const answers: Answers = { ...base, capacitacion_tim: trained };
  if (trained) answers.capacitacion_tim_horas = HOURS[i / 2];
  else {
    delete answers.capacitacion_tim_horas;
    delete answers.capacitacion_tim_entidad;
  }
  if (i < 3) delete answers.horario;
  const necesidades = { ...(base.necesidades as Record<string, unknown>) };
  necesidades.T01 = { importancia: i < 8 ? 5 : i < 13 ? 4 : 2, dominio: 1 + (i % 5) };
  // pnp's first three work in Tacna: region=PE-TUM (pnp 5, migraciones 6) would reveal them by difference.
  if (i < 3) answers.region = "PE-TAC";
  answers.necesidades = necesidades;
  if (i < 7) answers.otras_necesidades = `Necesito práctica en identificación de víctimas, nº ${i} — ¿cómo?`;
  else delete answers.otras_necesidades;
  if (i > 0) delete answers.sugerencias;
  return answers;
}

/** A survey without needsAssessment: its summary is its only dashboard. */
const CLIMA = {
  slug: "clima-laboral",
  title: { default: "Clima laboral en la oficina", en: "Office climate" },
  pages: [
    {
      name: "preguntas",
      title: { default: "Preguntas", en: "Questions" },
      elements: [
        {
          type: "radiogroup",
          name: "area",
          title: { default: "¿En qué área trabaja?", en: "Which area do you work in?" },
          isRequired: true,
          choices: [
            { value: "logistica", text: { default: "Logística", en: "Logistics" } },
            { value: "atencion", text: { default: "Atención al público", en: "Front desk" } },
            { value: "direccion", text: { default: "Dirección", en: "Management" } },
          ],
        },
        {
          type: "rating",
          name: "satisfaccion",
          title: { default: "Satisfacción con su trabajo", en: "Job satisfaction" },
          rateMin: 1,
          rateMax: 5,
          isRequired: true,
        },
        { type: "boolean", name: "teletrabajo", title: { default: "¿Hace teletrabajo?", en: "Do you work from home?" } },
        { type: "text", name: "ingreso", inputType: "date", title: { default: "Fecha de ingreso", en: "Start date" } },
        { type: "comment", name: "comentarios", title: { default: "Comentarios", en: "Comments" } },
      ],
    },
  ],
};
const CLIMA_AREAS = [
  "logistica",
  "logistica",
  "atencion",
  "logistica",
  "atencion",
  "logistica",
  "direccion",
  "logistica",
  "atencion",
  "logistica",
  "atencion",
  "logistica",
];
const CLIMA_RATINGS = [5, 4, 4, 3, 5, 2, 4, 4, 5, 3, 4, 1];
function climaAnswers(i: number): Answers {
  return {
    area: CLIMA_AREAS[i],
    satisfaccion: CLIMA_RATINGS[i],
    teletrabajo: i < 8,
    ingreso: i % 2 === 0 ? "2024-01-15" : "2024-03-02",
    ...(i < 2 ? { comentarios: i === 0 ? "¡Buen ambiente, pero falta café de Añaña!" : "Más capacitación en atención al público" } : {}),
  };
}

const dnc = Array.from({ length: 16 }, (_, i) => dncTimAnswers(i));
/** What the release holds: poder_judicial's 2 (below k) wait. */
const released = dnc.filter((d) => d.institucion !== "poder_judicial");
const clima = Array.from({ length: 12 }, (_, i) => climaAnswers(i));

async function post(survey: string, data: Answers): Promise<void> {
  const res = await fetch(`${server.url}/api/responses/${randomUUID()}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ survey, locale: "es", data, complete: true }),
  });
  if (res.status !== 200) throw new Error(`PUT ${survey}: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  surveysDir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-summary-surveys-"));
  fs.copyFileSync(path.join(ROOT, "surveys/dnc-tim.json"), path.join(surveysDir, "dnc-tim.json"));
  fs.writeFileSync(path.join(surveysDir, "clima-laboral.json"), JSON.stringify(CLIMA));
  server = await startServer({ env: { SONDEO_SURVEYS_DIR: surveysDir } });
  for (const d of dnc) await post("dnc-tim", d);
  for (const d of clima) await post("clima-laboral", d);
  // A started but unfinished response counts nowhere.
  await fetch(`${server.url}/api/responses/${randomUUID()}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ survey: "clima-laboral", locale: "es", data: { area: "direccion" }, complete: false }),
  });
  await createAnalyst(server.db);
  cookie = await loginCookie(server.url);
});

afterAll(async () => {
  await server?.stop();
  if (surveysDir) fs.rmSync(surveysDir, { recursive: true, force: true });
});

async function summary(slug: string, query = ""): Promise<{ status: number; body: Summary }> {
  const res = await call(server.url, `/api/surveys/${slug}/summary${query}`, { cookie });
  return { status: res.status, body: (await res.json()) as Summary };
}
function question<K extends SummarySection["kind"]>(body: Summary, key: string, kind: K): Extract<SummarySection, { kind: K }> {
  const q = body.questions.find((x) => x.key === key);
  expect(q?.kind, key).toBe(kind);
  return q as Extract<SummarySection, { kind: K }>;
}
const item = (items: SummaryItem[], value: string) => items.find((i) => i.value === value);
/** Independent recounts from the posted answers. */
const countOf = (data: Answers[], pred: (d: Answers) => boolean) => data.filter(pred).length;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

describe("GET /api/surveys/{slug}/summary (dnc-tim, 16 responses of which 14 released, k = 5)", () => {
  it("requires a signed-in analyst; unknown surveys are 404", async () => {
    expect((await fetch(`${server.url}/api/surveys/dnc-tim/summary`)).status).toBe(401);
    expect((await summary("no-such")).status).toBe(404);
  });

  it("single choice: pnp 8 and migraciones 6 of 14 shown; poder_judicial (2 < k) waits, in no count", async () => {
    const { status, body } = await summary("dnc-tim");
    expect(status).toBe(200);
    expect(body).toMatchObject({ survey: "dnc-tim", k: 5, n: 14, suppressed: null, release: { asOf: { release: 1 }, pending: 2 } });
    const q = question(body, "institucion", "choice");
    expect(item(q.items, "pnp")).toMatchObject({ count: countOf(released, (d) => d.institucion === "pnp"), share: 8 / 14, hidden: null });
    expect(item(q.items, "pnp")?.label).toEqual({ es: "Policía Nacional del Perú", en: "National Police of Peru (PNP)" });
    expect(item(q.items, "migraciones")).toMatchObject({ count: 6, share: 6 / 14, hidden: null });
    expect(item(q.items, "poder_judicial")).toMatchObject({ count: 0, hidden: null });
    // Tacna 3 (pnp's first three) hidden, and Tumbes (11) with it.
    const region = question(body, "region", "choice");
    expect([item(region.items, "PE-TAC")?.hidden, item(region.items, "PE-TUM")?.hidden]).toEqual(["primary", "complementary"]);
    expect(item(q.items, "mininter")).toMatchObject({ count: 0, hidden: null });
    expect(q.title.es).toBe("¿En qué institución trabaja?");
  });

  it("durations 4 / 7 / 3: 1 día and 1 semana hidden (7 together), 2 a 3 días 50 %", async () => {
    const q = question((await summary("dnc-tim")).body, "duracion", "choice");
    expect(item(q.items, "2_3_dias")).toMatchObject({ count: countOf(released, (d) => d.duracion === "2_3_dias"), share: 0.5 });
    expect([item(q.items, "1_dia")?.hidden, item(q.items, "1_semana")?.hidden]).toEqual(["primary", "primary"]);
    expect(item(q.items, "modular")?.count).toBe(0);
  });

  it("'no answer' counts as a category: horario 3 without answer, hidden with indistinto (2); who answered is not told", async () => {
    const q = question((await summary("dnc-tim")).body, "horario", "choice");
    expect(item(q.items, "jornada")?.count).toBe(countOf(released, (d) => d.horario === "jornada"));
    expect(item(q.items, "__none")).toMatchObject({ count: null, hidden: "primary" });
    expect(item(q.items, "indistinto")).toMatchObject({ count: null, hidden: "primary" });
    expect(q.answered).toBeNull();
  });

  it("yes/no: 7 and 7", async () => {
    const q = question((await summary("dnc-tim")).body, "capacitacion_tim", "choice");
    expect(item(q.items, "true")).toMatchObject({
      count: countOf(released, (d) => d.capacitacion_tim === true),
      share: 0.5,
      label: { es: "Sí", en: "Yes" },
    });
    expect(item(q.items, "false")?.count).toBe(7);
  });

  it("number: hours' mean and median from the 7 released answers; 40 and 75 hidden in their bins, and 0–24 with them", async () => {
    const q = question((await summary("dnc-tim")).body, "capacitacion_tim_horas", "numeric");
    const hours = released.map((d) => d.capacitacion_tim_horas).filter((h): h is number => typeof h === "number");
    expect(hours).toHaveLength(7);
    expect(q.stats).toEqual({ mean: mean(hours), median: median(hours) });
    expect(q.stats).toEqual({ mean: 155 / 7, median: 12 });
    // 0, 4, 8, 12, 16, 40, 75 in 3 target bins over 0–75: width 25.
    expect(q.items.map((i) => [i.label.es, i.count, i.hidden])).toEqual([
      ["0–24", null, "complementary"],
      ["25–49", null, "primary"],
      ["50–74", 0, null],
      ["75–99", null, "primary"],
      ["Sin respuesta", 7, null],
    ]);
    expect(q.answered).toBe(7);
  });

  it("multiple choice: each month out of the 14; November (3) hidden, nothing else", async () => {
    const q = question((await summary("dnc-tim")).body, "meses_disponibles", "multi");
    const months = (m: string) => countOf(released, (d) => (d.meses_disponibles as string[]).includes(m));
    expect(item(q.items, "03")).toMatchObject({ count: months("03"), share: 1 });
    expect(item(q.items, "04")).toMatchObject({ count: months("04"), share: 11 / 14 });
    expect(item(q.items, "11")).toMatchObject({ count: null, hidden: "primary" });
    expect(item(q.items, "01")).toMatchObject({ count: 0, hidden: null });
    expect(item(q.items, "__none")).toBeUndefined();
  });

  it("ranking: share ranked first and mean positions from the posted orders", async () => {
    const q = question((await summary("dnc-tim")).body, "modalidad_orden", "ranking");
    const orders = released.map((d) => d.modalidad_orden as string[]);
    const firstShare = (v: string) => orders.filter((o) => o[0] === v).length / orders.length;
    const meanRank = (v: string) => mean(orders.map((o) => o.indexOf(v) + 1));
    expect(q.rankers).toBe(14);
    for (const v of ["talleres_casos", "presencial", "semipresencial"]) {
      const it = q.items.find((i) => i.value === v);
      expect(it?.share, v).toBe(firstShare(v));
      expect(it?.meanRank, v).toBeCloseTo(meanRank(v), 10);
    }
    // 9 rank it first, 5 second.
    expect(q.items.find((i) => i.value === "talleres_casos")).toMatchObject({ count: 9, share: 9 / 14, meanRank: 19 / 14 });
  });

  it("the needs matrix: T01's importance 8 × 5, 5 × 4, 1 × 2 — the 2 hidden and the 5 with it; mean and median", async () => {
    const q = question((await summary("dnc-tim")).body, "necesidades", "matrixdropdown");
    const imp = q.columns.find((c) => c.name === "importancia");
    if (imp?.kind !== "choice") throw new Error("importancia is not a choice column");
    const t01 = imp.rows.find((r) => r.value === "T01")!;
    const ratings = released.map((d) => (d.necesidades as Record<string, { importancia: number }>).T01!.importancia);
    expect(item(t01.items, "5")).toMatchObject({ count: ratings.filter((r) => r === 5).length, share: 8 / 14 });
    expect(item(t01.items, "4")).toMatchObject({ count: null, hidden: "complementary" });
    expect(item(t01.items, "2")).toMatchObject({ count: null, hidden: "primary" });
    expect(t01.stats).toEqual({ mean: mean(ratings), median: median(ratings) });
    // T02 is "no aplica" for everyone: no ratings, and the boolean column counts the 14.
    const t02 = imp.rows.find((r) => r.value === "T02")!;
    expect(item(t02.items, "__none")).toMatchObject({ count: 14, share: 1 });
    const na = q.columns.find((c) => c.name === "no_aplica");
    if (na?.kind !== "counts") throw new Error("no_aplica is not a counts column");
    expect(item(na.rows.find((r) => r.value === "T02")!.items, "true")?.count).toBe(14);
    expect(imp.rows[0]?.label.es).toBe("Protocolo contra el Tráfico Ilícito de Migrantes por Tierra, Mar y Aire");
  });

  it("open answers: the count, and the first five as written (accents intact); others only counted", async () => {
    const body = (await summary("dnc-tim")).body;
    const q = question(body, "otras_necesidades", "text");
    const posted = released.map((d) => d.otras_necesidades).filter(Boolean);
    expect(q.answered).toBe(posted.length);
    expect(q.answers).toHaveLength(5);
    for (const a of q.answers ?? []) expect(posted).toContain(a);
    expect(q.answers?.[0]).toMatch(/^Necesito práctica en identificación de víctimas, nº \d — ¿cómo\?$/);
    expect(question(body, "cargo", "text")).toMatchObject({ answered: 14, listable: false, answers: null });
  });

  it("filters as the needs views: pnp's 8 hide every duration; a waiting group or a protected one shows only that", async () => {
    const pnp = await summary("dnc-tim", "?institucion=pnp");
    expect(pnp.body.n).toBe(8);
    // pnp: 1 día 2, 2 a 3 días 4, 1 semana 2 — all below k.
    expect(
      question(pnp.body, "duracion", "choice")
        .items.filter((i) => i.count)
        .map((i) => i.value),
    ).toEqual([]);
    expect(question(pnp.body, "capacitacion_tim", "choice").items.map((i) => i.hidden)).toEqual(["primary", "primary"]);
    expect((await summary("dnc-tim", "?institucion=poder_judicial")).body).toMatchObject({
      n: null,
      suppressed: "not_released",
      questions: [],
      release: { asOf: null, pending: 2 },
    });
    expect((await summary("dnc-tim", "?institucion=migraciones")).body.n).toBe(6);
    // region=PE-TUM holds 11, but with pnp's 8 it would give away pnp's 3 in Tacna.
    expect((await summary("dnc-tim", "?region=PE-TUM")).body).toMatchObject({ n: null, suppressed: "not_released", questions: [] });
    expect((await summary("dnc-tim", "?region=PE-TAC")).body).toMatchObject({ n: null, suppressed: "not_released", questions: [] });
    expect((await summary("dnc-tim", "?from=2000-01-01&to=2000-01-31")).body).toMatchObject({ suppressed: "filter_below_k" });
    const bad = await summary("dnc-tim", "?regoin=PE-TUM");
    expect([bad.status, bad.body.message]).toEqual([400, expect.stringMatching(/Unknown parameter/)]);
  });
});

describe("a survey without needs declaration (clima-laboral, 12 responses)", () => {
  it("has a summary: area, rating with mean and median, yes/no, months, comments", async () => {
    const { status, body } = await summary("clima-laboral");
    expect(status).toBe(200);
    expect(body).toMatchObject({ survey: "clima-laboral", k: 5, n: 12, suppressed: null });
    // logistica 7 shown; atencion 4 and direccion 1 hidden (5 together).
    const area = question(body, "area", "choice");
    expect(item(area.items, "logistica")).toMatchObject({
      count: countOf(clima, (d) => d.area === "logistica"),
      share: 7 / 12,
      label: { es: "Logística", en: "Logistics" },
    });
    expect([item(area.items, "atencion")?.hidden, item(area.items, "direccion")?.hidden]).toEqual(["primary", "primary"]);
    const rating = question(body, "satisfaccion", "choice");
    expect(rating.stats).toEqual({ mean: mean(CLIMA_RATINGS), median: median(CLIMA_RATINGS) });
    expect(item(rating.items, "4")?.count).toBe(CLIMA_RATINGS.filter((r) => r === 4).length);
    // Yes 8, no 4: the 4 hidden, and the 8 with it (else 12 − 8 gives it away).
    expect(question(body, "teletrabajo", "choice").items.map((i) => [i.value, i.hidden])).toEqual([
      ["true", "complementary"],
      ["false", "primary"],
    ]);
    expect(question(body, "ingreso", "date").items.map((i) => [i.label.es, i.count])).toEqual([
      ["enero 2024", 6],
      ["febrero 2024", 0],
      ["marzo 2024", 6],
    ]);
    // Without a declaration every comment question is open.
    expect(question(body, "comentarios", "text")).toMatchObject({ answered: 2, listable: true });
    expect(question(body, "comentarios", "text").answers).toEqual(expect.arrayContaining(["¡Buen ambiente, pero falta café de Añaña!"]));
  });

  it("takes only the period as filter", async () => {
    const bad = await summary("clima-laboral", "?institucion=pnp");
    expect([bad.status, bad.body.error]).toEqual([400, "invalid_query"]);
    expect((await summary("clima-laboral", "?from=2000-01-01")).body.n).toBe(12);
    expect((await summary("clima-laboral", "?to=2000-01-01")).body).toMatchObject({ n: null, suppressed: "filter_below_k" });
  });
});

describe("summary page", () => {
  const page = async (p: string) => {
    const res = await call(server.url, p, { cookie });
    expect(res.status, p).toBe(200);
    return res.text();
  };

  it("shows a survey without needs matrix with its own period filter, accents intact", async () => {
    const html = await page("/admin/surveys/clima-laboral/summary");
    expect(html).toContain("Resumen por pregunta");
    expect(html).toContain("Logística");
    expect(html).toContain("¡Buen ambiente, pero falta café de Añaña!");
    expect(html).not.toContain('name="institucion"');
    expect(html).toContain('name="from"');
  });

  it("shows dnc-tim with the needs filters and tabs; a suppressed filter shows only that", async () => {
    const html = await page("/admin/surveys/dnc-tim/summary?institucion=pnp");
    expect(html).toContain('name="institucion"');
    expect(html).toContain("8 respuestas completas");
    // The needs views' tabs keep the filter; the summary's is the current one.
    expect(html).toContain('href="/admin/surveys/dnc-tim/needs/open?institucion=pnp"');
    expect(html).toMatch(
      /href="\/admin\/surveys\/dnc-tim\/summary\?institucion=pnp" aria-current="page"|aria-current="page" href="\/admin\/surveys\/dnc-tim\/summary\?institucion=pnp"/,
    );
    const small = await page("/admin/surveys/dnc-tim/summary?institucion=poder_judicial");
    expect(small).toContain('data-suppressed="not_released"');
    expect(small).toContain("2 respuestas completas esperan su publicación");
    const early = await page("/admin/surveys/dnc-tim/summary?institucion=pnp&to=2000-01-31");
    expect(early).toContain('data-suppressed="filter_below_k"');
    expect(early).not.toContain("víctimas, nº");
    expect(small).not.toContain("víctimas, nº");
  });

  it("the old profile page redirects to the summary, filters kept; /admin links every survey's summary", async () => {
    const res = await call(server.url, "/admin/surveys/dnc-tim/needs/profile?institucion=pnp", { cookie });
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe("/admin/surveys/dnc-tim/summary?institucion=pnp");
    const admin = await page("/admin");
    expect(admin).toContain('href="/admin/surveys/clima-laboral/summary"');
    expect(admin).toContain('href="/admin/surveys/dnc-tim/summary"');
    expect(admin).not.toContain('href="/admin/surveys/clima-laboral/needs"');
  });
});
