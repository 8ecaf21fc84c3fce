// The SQL aggregation against a straightforward JavaScript recount of the same rows (test data
// only: production never loads the rows into JavaScript), on the run's engine.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/db/client";
import { all, boolLiteral, run, transaction } from "@/db/dialect";
import { countCompletedByGroup, listNeedSums } from "@/db/queries/needs";
import { needsSurveyOf, type NeedsSurvey } from "@/db/queries/needs-report";
import { listSummaryCounts } from "@/db/queries/question-summary";
import { buildQuestionCatalogue } from "@/lib/summary/question-catalogue";
import { sumRatings } from "@/lib/needs/borich";
import { getSurvey } from "@/surveys/registry";
import { newTestDatabase } from "../support/engine";
import { insertSyntheticResponses } from "../support/needs-fixtures";

let db: Db;
let t: NeedsSurvey;
const none = { values: {} };

beforeAll(async () => {
  db = await openDb(await newTestDatabase(), { seedSample: true });
  const survey = await getSurvey("dnc-tim");
  if (!survey) throw new Error("no survey");
  if (!survey?.needs) throw new Error("no survey");
  await insertSyntheticResponses(db, survey, { count: 300, seed: 11 });
  t = await needsSurveyOf(db, "dnc-tim", survey.needs);
  expect([t.slots.get("institucion"), t.slots.get("region")]).toEqual([1, 2]);
  // Defend the counting rule against rows a validated response cannot produce: ratings with
  // no_aplica, and one rating missing.
  await transaction(db, async (tx) => {
    await run(tx, sql`update need_ratings set importance = 5, competence = 1 where not_applicable = ${boolLiteral(tx, true)}`);
    await run(
      tx,
      sql`update need_ratings set competence = null
          where substr(response_id, 1, 1) = 'a' and topic in ('T02', 'T09') and not_applicable = ${boolLiteral(tx, false)}`,
    );
  });
});

// dim1 holds institucion and dim2 region (the dnc-tim declaration's first two breakdowns).
type Row = {
  dim1: string | null;
  dim2: string | null;
  topic: string;
  importance: number | null;
  competence: number | null;
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  not_applicable: number | boolean;
  response_id: string;
};

describe("needs SQL aggregation", () => {
  it("equals a row-by-row recount with the spec's rule (both ratings, no no_aplica)", async () => {
    const rows = await all<Row>(db, sql`select * from need_ratings`);
    const sums = await listNeedSums(db, t, "institucion", none);
    expect(sums.length).toBeGreaterThan(18 * 5);
    for (const s of sums) {
      const mine = rows.filter((r) => r.dim1 === s.group && r.topic === s.topic);
      const expected = sumRatings(
        s.topic,
        mine.map((r) => ({ importance: r.importance, competence: r.competence, notApplicable: Boolean(r.not_applicable) })),
      );
      expect({ n: s.n, sumImportance: s.sumImportance, sumCompetence: s.sumCompetence, rows: s.rows }).toEqual({
        n: expected.n,
        sumImportance: expected.sumImportance,
        sumCompetence: expected.sumCompetence,
        rows: mine.length,
      });
    }
    const withNoAplica = rows.filter((r) => Boolean(r.not_applicable));
    expect(rows.some((r) => r.competence === null)).toBe(true);
    expect(withNoAplica.length).toBeGreaterThan(0);
    expect(withNoAplica.every((r) => r.importance === 5)).toBe(true);
  });

  it("counts completed responses per group and honours filters", async () => {
    const rows = await all<Row>(db, sql`select * from need_ratings`);
    const distinct = (pred: (r: Row) => boolean) => new Set(rows.filter(pred).map((r) => r.response_id)).size;
    for (const g of await countCompletedByGroup(db, t, "region", { values: { institucion: "pnp" } })) {
      expect(g.n).toBe(distinct((r) => r.dim2 === g.group && r.dim1 === "pnp"));
    }
    const sums = await listNeedSums(db, t, "institucion", { values: { region: "PE-TUM" } });
    const t01 = sums.filter((s) => s.topic === "T01").reduce((a, s) => a + s.rows, 0);
    expect(t01).toBe(distinct((r) => r.dim2 === "PE-TUM"));
  });

  it("question summary counts from the JSON equal a recount of the parsed answers", async () => {
    const data = (await all<{ data: string }>(db, sql`select data from responses where status = 'complete'`)).map(
      (r) => JSON.parse(r.data) as Record<string, any>,
    );
    const survey = (await getSurvey("dnc-tim"))!;
    const counts = await listSummaryCounts(db, "dnc-tim", buildQuestionCatalogue(survey.definition), []);
    const get = (question: string, value: string | null, where: { row?: string; column?: string; position?: number } = {}) =>
      counts
        .filter(
          (c) =>
            c.question === question &&
            c.value === value &&
            c.row === (where.row ?? null) &&
            c.column === (where.column ?? null) &&
            (where.position === undefined || c.position === where.position),
        )
        .reduce((a, c) => a + c.n, 0);
    const recount = (pred: (d: Record<string, any>) => boolean) => data.filter(pred).length;
    expect(get("institucion", "pnp")).toBe(recount((d) => d.institucion === "pnp"));
    expect(get("capacitacion_tim", "true")).toBe(recount((d) => d.capacitacion_tim === true));
    expect(get("capacitacion_tim", "false")).toBe(recount((d) => d.capacitacion_tim === false));
    expect(get("obstaculos", "viaticos")).toBe(recount((d) => (d.obstaculos ?? []).includes("viaticos")));
    expect(get("obstaculos", null)).toBe(recount((d) => (d.obstaculos ?? []).length > 0));
    expect(get("modalidad_orden", "presencial", { position: 0 })).toBe(recount((d) => d.modalidad_orden?.[0] === "presencial"));
    expect(get("modalidad_orden", "presencial", { position: 6 })).toBe(recount((d) => d.modalidad_orden?.[6] === "presencial"));
    expect(get("necesidades", "4", { row: "T03", column: "importancia" })).toBe(recount((d) => d.necesidades?.T03?.importancia === 4));
    expect(get("necesidades", "true", { row: "T03", column: "no_aplica" })).toBe(recount((d) => d.necesidades?.T03?.no_aplica === true));
    const hours = data.map((d) => d.capacitacion_tim_horas).filter((h) => typeof h === "number");
    expect(hours.length).toBeGreaterThan(0);
    expect(get("capacitacion_tim_horas", String(hours[0]))).toBe(hours.filter((h) => h === hours[0]).length);
    expect(get("otras_necesidades", null)).toBe(recount((d) => typeof d.otras_necesidades === "string" && d.otras_necesidades.trim() !== ""));
    // Free text is never grouped by its content.
    expect(counts.some((c) => c.question === "otras_necesidades" && c.value !== null)).toBe(false);
  });
});
