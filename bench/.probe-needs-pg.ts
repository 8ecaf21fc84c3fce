// temporary probe: SQL variants of the needs sums on PostgreSQL (deleted after use)
import { Pool } from "pg";
import { closeDb, openDb } from "@/db/client";
import { getNeedsReport, needsSurveyOf, resolveView } from "@/db/queries/needs-report";
import { listNeedSums } from "@/db/queries/needs";
import { getSurvey } from "@/surveys/registry";
import { bulkCopyToPostgres, vacuumAnalyze, withPostgres } from "./postgres";

const size = Number(process.argv[2] ?? 100000);
const reps = Number(process.argv[3] ?? 9);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const COUNTED = "not not_applicable and importance is not null and competence is not null";
const V: Record<string, string> = {
  bare: `select dim1, topic, count(*) n, sum(importance) si, sum(competence) sc from need_ratings
    where survey_slug = $1 and release_batch between 1 and 1000000000 and round = 1 and ${COUNTED} group by dim1, topic`,
  app: `select "need_ratings"."dim1", "topic", cast(count(*) as integer), cast(count(case when not "need_ratings"."not_applicable" then "need_ratings"."importance" + "need_ratings"."competence" end) as integer), cast(coalesce(sum(case when not "need_ratings"."not_applicable" and "need_ratings"."competence" is not null then "need_ratings"."importance" end), 0) as integer), cast(coalesce(sum(case when not "need_ratings"."not_applicable" and "need_ratings"."importance" is not null then "need_ratings"."competence" end), 0) as integer) from "need_ratings" where ("need_ratings"."survey_slug" = $1 and "need_ratings"."round" = 1 and "need_ratings"."release_batch" between 1 and 1) group by "need_ratings"."dim1", "need_ratings"."topic"`,
  filter: `select dim1, topic, count(*)::int rows, (count(*) filter (where ${COUNTED}))::int n,
    coalesce(sum(importance) filter (where ${COUNTED}), 0)::int si, coalesce(sum(competence) filter (where ${COUNTED}), 0)::int sc
    from need_ratings where survey_slug = $1 and round = 1 and release_batch between 1 and 1 group by dim1, topic`,
  nocast: `select dim1, topic, count(*), count(case when not not_applicable then importance + competence end),
    coalesce(sum(case when not not_applicable and competence is not null then importance end), 0),
    coalesce(sum(case when not not_applicable and importance is not null then competence end), 0)
    from need_ratings where survey_slug = $1 and round = 1 and release_batch between 1 and 1 group by dim1, topic`,
  bareAll: `select dim1, topic, count(*) n, sum(importance) si, sum(competence) sc from need_ratings
    where survey_slug = $1 and release_batch between 1 and 1 and round = 1 group by dim1, topic`,
};

async function main() {
  const survey = (await getSurvey("dnc-tim"))!;
  await withPostgres(async (pg) => {
    const url = await pg.createDatabase("probe");
    const db = await openDb(url, { seedSample: false });
    const t0 = performance.now();
    await bulkCopyToPostgres(`bench/.work/needs-bench-${size}.db`, url);
    await vacuumAnalyze(url);
    console.log(`loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const pool = new Pool({ connectionString: url, max: 2 });
    const target = await needsSurveyOf(db, survey.slug, survey.needs!);
    const q = { by: "institucion", filters: {} };
    await getNeedsReport(db, target, q, 5);
    const view = await resolveView(db, target, {}, 5);
    const variants: Record<string, () => Promise<unknown>> = {};
    for (const [name, text] of Object.entries(V)) variants[name] = () => pool.query(text, [survey.slug]);
    for (const [name, text] of Object.entries(V)) variants[`${name} serial`] = async () => {
      const c = await pool.connect();
      try { await c.query("set max_parallel_workers_per_gather = 0"); await c.query(text, [survey.slug]); await c.query("reset max_parallel_workers_per_gather"); } finally { c.release(); }
    };
    variants.resolveView = () => resolveView(db, target, {}, 5);
    variants.listNeedSums = () => listNeedSums(db, target, "institucion", view.filters);
    variants.endpoint = () => getNeedsReport(db, target, q, 5);
    const t: Record<string, number[]> = {};
    for (let i = 0; i < reps; i++) for (const [name, fn] of Object.entries(variants)) {
      const s = performance.now(); await fn(); (t[name] ??= []).push(performance.now() - s);
    }
    for (const [name, xs] of Object.entries(t)) console.log(`${name.padEnd(16)} ${median(xs).toFixed(1).padStart(8)} ms   ${(median(xs) / median(t.bare!)).toFixed(2)}×`);
    for (const name of ["filter", "app"]) {
      const { rows } = await pool.query(`explain (analyze, buffers) ${V[name]}`, [survey.slug]);
      console.log(name, rows.map((r) => r["QUERY PLAN"]).join("\n"));
    }
    await pool.end();
    await closeDb(db);
  });
}
main().catch((e) => { console.error(e); process.exitCode = 1; });
