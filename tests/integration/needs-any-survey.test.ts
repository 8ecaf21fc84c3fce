// The needs API and needs.csv on any needs survey (issue #11, part 6): dnc-inspeccion (12 topics,
// a 1–4 scale, breakdowns intendencia and funcion, no not-applicable column, no region or unit)
// and dnc-tim, each with a dataset submitted over HTTP (PUT /api/responses/{uuid}) to a real
// server, compared — for every breakdown, one and two filters, dates, and the suppression rules —
// with figures the test oracle (tests/support/needs-oracle.ts) computes independently from the
// very answers that were sent.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { closeDb, tablesOf } from "@/db/client";
import { openTestDb } from "../support/coordinators";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dncInspeccionDataset } from "../support/dnc-inspeccion-dataset";
import { dncTimSmallDataset } from "../support/dnc-tim-small-dataset";
import { createAnalyst, loginCookie } from "../support/needs-auth";
import { csvDifferences, differences, documentedFields, expectedCsvRecords, withUnitGroupsSorted } from "../support/needs-compare";
import { effectiveK, expectedNeeds, oracleSurvey, type ExpectedNeeds, type OracleResponse, type OracleSurvey } from "../support/needs-oracle";
import { startServer, type TestServer } from "../support/server";

type Json = Record<string, unknown>;
const ENV_K = 5;

let server: TestServer;
let cookie: string;

interface Posted {
  definition: Json;
  survey: OracleSurvey;
  responses: OracleResponse[];
  /** Submission days (Peru) of the completed responses, ascending. */
  days: string[];
  /** Unit code → id (dnc-tim's links). */
  unitIds: Map<string, number>;
}
const posted: Record<string, Posted> = {};

const definitionOf = (slug: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../surveys/${slug}.json`), "utf8")) as Json;
const limaDay = (iso: string) => new Date(Date.parse(iso) - 5 * 3_600_000).toISOString().slice(0, 10);
const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function readUnits(database: string): Promise<{ id: number; code: string; linkCode: string }[]> {
  const db = await openTestDb(database);
  try {
    const { units } = tablesOf(db);
    return await db.select({ id: units.id, code: units.code, linkCode: units.linkCode }).from(units);
  } finally {
    await closeDb(db);
  }
}

async function submit(slug: string, data: Json, unitLink: string | null, complete: boolean, locale: "es" | "en"): Promise<string | null> {
  const res = await fetch(`${server.url}/api/responses/${randomUUID()}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ survey: slug, unit: unitLink, locale, data, complete, page: complete ? undefined : 2 }),
  });
  const body = (await res.json()) as { submittedAt?: string | null };
  if (res.status !== 200) throw new Error(`PUT (${slug}) → ${res.status}: ${JSON.stringify(body).slice(0, 600)}`);
  return body.submittedAt ?? null;
}

async function post(slug: string, submissions: { data: Json; unit: string | null; complete: boolean }[]): Promise<void> {
  const definition = definitionOf(slug);
  const units = await readUnits(server.db);
  const unitIds = new Map(units.map((u) => [u.code, u.id]));
  const responses: OracleResponse[] = [];
  for (const [i, s] of submissions.entries()) {
    const unit = s.unit === null ? null : units.find((u) => u.code === s.unit);
    if (unit === undefined) throw new Error(`no unit ${s.unit}`);
    const at = await submit(slug, s.data, unit?.linkCode ?? null, s.complete, i % 3 === 0 ? "en" : "es");
    responses.push({ answers: s.data, complete: s.complete, unit: unit?.id ?? null, day: at ? limaDay(at) : "" });
  }
  const days = [...new Set(responses.filter((r) => r.complete).map((r) => r.day))].sort();
  posted[slug] = { definition, survey: oracleSurvey(definition), responses, days, unitIds };
}

beforeAll(async () => {
  server = await startServer({ env: { SONDEO_MIN_GROUP_SIZE: String(ENV_K) } });
  await createAnalyst(server.db);
  cookie = await loginCookie(server.url);
  const inspeccion = dncInspeccionDataset();
  await post("dnc-inspeccion", [
    ...inspeccion.completed.map((data) => ({ data, unit: null, complete: true })),
    ...inspeccion.partial.map((data) => ({ data, unit: null, complete: false })),
  ]);
  await post("dnc-tim", dncTimSmallDataset());
});

afterAll(async () => {
  await server?.stop();
});

/** One view: the API's parameters, and the same filters as the oracle takes them (unit as id). */
interface View {
  by?: string;
  filters: Record<string, string>;
  oracleFilters?: Record<string, string>;
}

const params = (v: View, extra: Record<string, string> = {}) =>
  new URLSearchParams({ ...(v.by ? { by: v.by } : {}), ...v.filters, ...extra }).toString();

function expectedFor(slug: string, v: View): ExpectedNeeds {
  const p = posted[slug] as Posted;
  return expectedNeeds(p.survey, ENV_K, p.responses, { by: v.by, filters: v.oracleFilters ?? v.filters });
}

async function getJson(url: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${server.url}${url}`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Every view's mismatches between the API and the oracle ([] when they all agree). */
async function mismatches(slug: string, views: View[]): Promise<string[]> {
  const problems: string[] = [];
  for (const v of views) {
    const url = `/api/surveys/${slug}/needs?${params(v)}`;
    const { status, body } = await getJson(url);
    if (status !== 200) {
      problems.push(`${url}: status ${status} ${JSON.stringify(body).slice(0, 300)}`);
      continue;
    }
    const oracle = expectedFor(slug, v);
    const expected = { survey: slug, ...oracle, filters: v.filters, demoResponses: 0 };
    const diffs = differences(withUnitGroupsSorted(documentedFields(body) as typeof expected), withUnitGroupsSorted(expected));
    if (diffs.length > 0) problems.push(`${url}: ${diffs.slice(0, 6).join(" | ")}${diffs.length > 6 ? ` … (${diffs.length})` : ""}`);
  }
  return problems;
}

/** The views to compare: no filter, each value of each breakdown, pairs, dates — under every `by`. */
type ViewKind = "unfiltered" | "single" | "pairs" | "dates";

function viewsOf(slug: string, pairs: [string, string][]): Record<ViewKind, View[]> {
  const p = posted[slug] as Posted;
  const { breakdowns } = p.survey.declaration;
  const valuesOf = (b: string): { api: string; oracle: string }[] => {
    if (b !== "unit") return (p.survey.choices[b] ?? []).map((v) => ({ api: v, oracle: v }));
    const ids = [...new Set(p.responses.map((r) => r.unit).filter((u): u is number => u !== null))];
    const codes = [...p.unitIds].filter(([, id]) => ids.includes(id));
    // By id, and once by code as a coordinator would type it.
    return [
      ...ids.map((id) => ({ api: String(id), oracle: String(id) })),
      ...codes.slice(0, 1).map(([code, id]) => ({ api: code.toLowerCase(), oracle: String(id) })),
    ];
  };
  const one = (b: string, v: { api: string; oracle: string }): View => ({ filters: { [b]: v.api }, oracleFilters: { [b]: v.oracle } });
  const everyBy = (views: View[]) => breakdowns.flatMap((by) => views.map((v) => ({ ...v, by })));
  const first = p.days[0] as string;
  const last = p.days[p.days.length - 1] as string;
  const firstBreakdown = breakdowns[0] as string;
  // The largest group of the first breakdown, for a filter that shows figures.
  const sizes = new Map<string, number>();
  for (const r of p.responses) if (r.complete) sizes.set(String(r.answers[firstBreakdown]), (sizes.get(String(r.answers[firstBreakdown])) ?? 0) + 1);
  const common = [...sizes].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
  return {
    unfiltered: [{ filters: {} }, ...everyBy([{ filters: {} }])],
    single: everyBy(breakdowns.flatMap((b) => valuesOf(b).map((v) => one(b, v)))),
    pairs: everyBy(
      pairs.flatMap(([a, b]) =>
        valuesOf(a).flatMap((va) =>
          valuesOf(b).map((vb) => ({ filters: { [a]: va.api, [b]: vb.api }, oracleFilters: { [a]: va.oracle, [b]: vb.oracle } })),
        ),
      ),
    ),
    dates: everyBy([
      { filters: { from: first } },
      { filters: { to: last } },
      { filters: { from: first, to: last } },
      { filters: { to: shiftDay(first, -1) } },
      { filters: { from: shiftDay(last, 1) } },
      { filters: { [firstBreakdown]: common, from: first, to: last } },
    ]),
  };
}

const SURVEYS: { slug: string; pairs: [string, string][] }[] = [
  // Expected to fail until the needs storage and filters follow the declaration (issue #11).
  { slug: "dnc-inspeccion", pairs: [["intendencia", "funcion"]] },
  {
    slug: "dnc-tim",
    pairs: [
      ["institucion", "cargo_categoria"],
      ["institucion", "unit"],
    ],
  },
];

for (const { slug, pairs } of SURVEYS) {
  describe(`needs API and needs.csv on ${slug}`, () => {
    for (const kind of ["unfiltered", "single", "pairs", "dates"] as const) {
      it(`matches the oracle: ${kind === "unfiltered" ? "every breakdown, no filter" : kind === "single" ? "one filter per breakdown value, under every breakdown" : kind === "pairs" ? "two filters" : "date filters (Peru days)"}`, async () => {
        const views = viewsOf(slug, pairs)[kind];
        expect(views.length).toBeGreaterThan(0);
        expect(await mismatches(slug, views)).toEqual([]);
      });
    }

    it("the dataset exercises every suppression rule, and k is the one that applies", () => {
      const p = posted[slug] as Posted;
      const all = Object.values(viewsOf(slug, pairs))
        .flat()
        .map((v) => expectedFor(slug, v));
      const seen = new Set(all.flatMap((e) => [e.suppressed, ...e.groups.map((g) => g.suppressed)]).filter(Boolean));
      // One release (everything submitted, then read): a selection or group whose cell is not
      // published, a group below k inside a published selection, a date range without releases.
      // "complementary" and "not_updated" need several releases: in one, the unpublished part of
      // a published selection is a union of whole groups of ≥ k respondents, never 1 … k−1.
      expect([...seen].sort()).toEqual(["filter_below_k", "not_released", "primary", "unreleased"]);
      // A partial response counts nowhere, and the groups of the first breakdown below k wait:
      // the total is the other completed ones, and the waiting ones are `release.pending`.
      const completed = p.responses.filter((r) => r.complete);
      const first = p.survey.declaration.breakdowns[0] as string;
      const sizes = new Map<unknown, number>();
      for (const r of completed) sizes.set(r.answers[first], (sizes.get(r.answers[first]) ?? 0) + 1);
      const waiting = [...sizes.values()].filter((n) => n < 5).reduce((a, b) => a + b, 0);
      expect(waiting).toBeGreaterThan(0);
      expect(expectedFor(slug, { filters: {} }).n).toBe(completed.length - waiting);
      expect(expectedFor(slug, { filters: {} }).release.pending).toBe(waiting);
      expect(effectiveK(p.survey, ENV_K)).toBe(5);
    });

    it("needs.csv has the oracle's figures, rounded to three decimals, and the same suppression", async () => {
      const p = posted[slug] as Posted;
      const { breakdowns } = p.survey.declaration;
      const text = (node: unknown) => String((node as { text?: { default?: string } })?.text?.default ?? "");
      const find = (name: string): Json | undefined => {
        for (const page of p.definition.pages as Json[]) for (const el of page.elements as Json[]) if (el.name === name) return el;
        return undefined;
      };
      const rows = (find(p.survey.declaration.matrix)?.rows as unknown[]) ?? [];
      const topicTitle = (code: string) => text(rows.find((r) => (r as Json).value === code));
      const views: View[] = [
        ...breakdowns.filter((b) => b !== "unit").map((by) => ({ by, filters: {} })),
        ...viewsOf(slug, pairs).single.filter((v) => v.by === breakdowns[0] && !("unit" in v.filters)),
      ];
      const problems: string[] = [];
      for (const v of views) {
        const url = `/api/surveys/${slug}/export/needs.csv?${params(v)}`;
        const res = await fetch(`${server.url}${url}`, { headers: { cookie } });
        if (res.status !== 200) {
          problems.push(`${url}: status ${res.status}`);
          continue;
        }
        const parsed = parse(await res.text(), { bom: true, columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
        const by = v.by ?? (breakdowns[0] as string);
        const choices = (find(by)?.choices as unknown[]) ?? [];
        const groupLabel = (g: string | null) => (g === null ? undefined : text(choices.find((c) => String((c as Json).value) === g)));
        const diffs = csvDifferences(parsed, expectedCsvRecords(expectedFor(slug, v), { topicTitle, groupLabel }));
        if (diffs.length > 0) problems.push(`${url}: ${diffs.slice(0, 6).join(" | ")}`);
      }
      expect(problems).toEqual([]);
    });
  });
}

describe("parameters outside the declaration are refused with 400", () => {
  const cases: Record<string, [string, RegExp][]> = {
    "dnc-inspeccion": [
      ["region=PE-LIM", /region/],
      ["institucion=pnp", /institucion/],
      ["unit=1", /unit/],
      ["by=region", /by/],
      ["by=unit", /by/],
      ["by=ingreso", /by/],
      ["intendencia=ire_tacna", /intendencia/],
      ["funcion=inspector", /funcion/],
      ["intendencia=ilm&intendencia=ire_piura", /intendencia/],
      ["from=2026-02-30", /from/],
    ],
    "dnc-tim": [
      ["intendencia=ilm", /intendencia/],
      ["funcion=otro", /funcion/],
      ["institucion=sunafil", /institucion/],
      ["by=intendencia", /by/],
    ],
  };
  for (const [slug, list] of Object.entries(cases)) {
    it(`on ${slug}: the needs API and needs.csv`, async () => {
      for (const [query, names] of list) {
        for (const route of ["needs", "export/needs.csv"]) {
          const { status, body } = await getJson(`/api/surveys/${slug}/${route}?${query}`);
          expect(status, `${route}?${query}`).toBe(400);
          expect(body.error, `${route}?${query}`).toBe("invalid_query");
          expect(String(body.message), `${route}?${query}`).toMatch(names);
        }
      }
    });
  }
});
