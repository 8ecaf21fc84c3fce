// npm run demo -- [--n 300] [--seed 1] [--partial 0.1] [--validate-all]
// Generates clearly labelled synthetic responses (is_demo = 1, "[DEMO]" texts) into SONDEO_DB
// through the same validation and storage code as the public API. Deterministic for a seed.
import { parseArgs } from "node:util";
import { openDb } from "@/db/client";
import { insertDemoResponses } from "@/db/queries/insert-demo-responses";
import { env } from "@/lib/env";
import { getSurvey } from "@/surveys/registry";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "300" },
    seed: { type: "string", default: "1" },
    partial: { type: "string", default: "0.1" },
    "validate-all": { type: "boolean", default: false },
  },
});
const n = Number(values.n);
const seed = Number(values.seed);
const partialShare = Number(values.partial);
if (!Number.isInteger(n) || n < 1 || !Number.isFinite(seed) || !(partialShare >= 0 && partialShare < 1)) {
  console.error("Usage: npm run demo -- --n <count ≥ 1> [--seed <number>] [--partial <0..1>] [--validate-all]");
  process.exit(2);
}

const survey = getSurvey("dnc-tim");
if (!survey) throw new Error("surveys/dnc-tim.json is missing");
const db = openDb(env().SONDEO_DB);
const started = performance.now();
const { complete, partial } = insertDemoResponses(db, survey, {
  count: n,
  seed,
  partialShare,
  validateEvery: values["validate-all"] ? 1 : 100,
});

console.log(
  `Inserted ${complete} complete and ${partial} partial demo responses into ${env().SONDEO_DB} ` +
    `(seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
