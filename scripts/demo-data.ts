// npm run demo -- [--n 300] [--seed 1] [--partial 0.1] [--validate-all]
// Generates clearly labelled synthetic responses (is_demo = 1, "[DEMO]" texts) into SONDEO_DB
// through the same validation and storage code as the public API. Deterministic for a seed.
import { parseArgs } from "node:util";
import { openDb } from "@/db/client";
import { listActiveUnitRegions } from "@/db/queries/list-demo-units";
import { saveResponse } from "@/db/queries/save-response";
import { demoResponse, seededRng } from "@/lib/demo-responses";
import { env } from "@/lib/env";
import { validateResponseData } from "@/lib/response-validation";
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
const units = listActiveUnitRegions(db);
const unitIds = new Map(units.map((u) => [u.linkCode, u.id]));
const rng = seededRng(seed);
const now = Date.now();
const started = performance.now();
let complete = 0;
let partial = 0;

db.$client.transaction(() => {
  for (let i = 0; i < n; i++) {
    const demo = demoResponse(rng, units);
    const isPartial = rng() < partialShare;
    let data = demo.data;
    if (isPartial) {
      // A respondent who stopped after the profile.
      data = Object.fromEntries(Object.entries(data).filter(([k]) => k !== "necesidades" && !k.startsWith("modalidad")));
    }
    if (values["validate-all"] || i % 100 === 0) {
      const check = validateResponseData(survey.definition, data, { complete: !isPartial, locale: demo.locale });
      if (!check.ok) throw new Error(`demo response ${i} is invalid: ${JSON.stringify(check.issues)}`);
    }
    const id = `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;
    saveResponse(db, {
      id,
      survey,
      unitId: demo.unit ? (unitIds.get(demo.unit.linkCode) ?? null) : null,
      locale: demo.locale,
      data,
      complete: !isPartial,
      isDemo: true,
      at: new Date(now - demo.minutesAgo * 60_000).toISOString(),
    });
    if (isPartial) partial++;
    else complete++;
  }
})();

console.log(
  `Inserted ${complete} complete and ${partial} partial demo responses into ${env().SONDEO_DB} ` +
    `(seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);

function hex(r: () => number, len: number): string {
  let s = "";
  for (let i = 0; i < len; i++) s += Math.floor(r() * 16).toString(16);
  return s;
}
