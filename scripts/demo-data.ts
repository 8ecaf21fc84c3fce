// npm run demo -- [--survey dnc-tim] [--n 300] [--seed 1] [--partial 0.1] [--round <n>] [--validate-all]
// Generates clearly labelled synthetic responses (is_demo = 1, "[DEMO]" texts) to any survey in
// surveys/ into SONDEO_DB, through the same validation and storage code as the public API.
// Deterministic for a seed. The dashboards warn while they exist.
//
// npm run demo -- --remove [--survey <slug>]
// Deletes every demo response (of one survey, or of all) with its need ratings, in one
// transaction, and records it in the audit log. Real responses are never touched.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { closeDb, databaseTarget, describeTarget, isPostgresUrl, openDb } from "@/db/client";
import { transaction } from "@/db/dialect";
import { recordAudit } from "@/db/queries/audit";
import { deleteDemoResponses } from "@/db/queries/delete-demo-responses";
import { insertDemoResponses } from "@/db/queries/insert-demo-responses";
import { getSurvey, listSurveys } from "@/surveys/registry";
import { listRounds } from "@/db/queries/survey-rounds";

const USAGE =
  "Usage: npm run demo -- [--survey <slug>] [--n <count ≥ 1>] [--seed <number>] [--partial <0..1>] [--round <n>] [--validate-all]\n" +
  "       npm run demo -- --remove [--survey <slug>]";

function usage(message: string): never {
  console.error(`demo: ${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      n: { type: "string" },
      seed: { type: "string" },
      partial: { type: "string" },
      "validate-all": { type: "boolean" },
      remove: { type: "boolean" },
      survey: { type: "string" },
      round: { type: "string" },
    },
  });
} catch (err) {
  usage((err as Error).message);
}
const { values } = parsed;

if (values.remove) {
  const generating = (["n", "seed", "partial", "round", "validate-all"] as const).filter((k) => values[k] !== undefined);
  if (generating.length) usage(`--remove cannot be combined with ${generating.map((k) => `--${k}`).join(", ")}.`);
  removeDemoResponses(values.survey).catch(fail);
} else {
  insert(
    values.survey ?? "dnc-tim",
    values.n ?? "300",
    values.seed ?? "1",
    values.partial ?? "0.1",
    values["validate-all"] ?? false,
    values.round,
  ).catch(fail);
}

function fail(err: unknown): never {
  console.error(`demo: ${(err as Error).message}`);
  process.exit(1);
}

async function removeDemoResponses(surveySlug: string | undefined) {
  const file = databaseTarget();
  if (!isPostgresUrl(file) && file !== ":memory:" && !fs.existsSync(file)) {
    console.error(`demo: there is no database at ${file} (set SONDEO_DB).`);
    process.exit(1);
  }
  const db = await openDb(file, { seedSample: false });
  const removed = await transaction(db, async (tx) => {
    const result = await deleteDemoResponses(tx, { surveySlug });
    if (result.responses > 0) {
      await recordAudit(tx, {
        user: null,
        actor: "cli",
        action: "demo.remove",
        target: surveySlug ?? null,
        details: { responses: result.responses, needRatings: result.needRatings, via: "npm run demo -- --remove" },
      });
    }
    return result;
  });
  await closeDb(db);
  const scope = surveySlug === undefined ? "" : ` of survey ${surveySlug}`;
  console.log(
    `Removed ${removed.responses} demo responses${scope} (and their ${removed.needRatings} need ratings) from ${describeTarget(file)}. ` +
      `Real responses were not touched: ${removed.realKept} remain.`,
  );
}

async function insert(slug: string, nText: string, seedText: string, partialText: string, validateAll: boolean, roundText: string | undefined) {
  const n = Number(nText);
  const seed = Number(seedText);
  const partialShare = Number(partialText);
  if (!Number.isInteger(n) || n < 1 || !Number.isFinite(seed) || !(partialShare >= 0 && partialShare < 1)) {
    usage("invalid --n, --seed or --partial.");
  }
  const survey = await getSurvey(slug);
  if (!survey) usage(`there is no survey "${slug}" (surveys: ${(await listSurveys()).map((s) => s.slug).join(", ") || "none"}).`);
  const db = await openDb(databaseTarget());
  const rounds = await listRounds(db, survey.slug);
  const round = roundText === undefined ? undefined : rounds.find((r) => String(r.round) === roundText);
  if (roundText !== undefined && !round) usage(`survey ${survey.slug} has no round ${roundText} (rounds: ${rounds.map((r) => r.round).join(", ")}).`);
  const started = performance.now();
  const { complete, partial } = await insertDemoResponses(db, survey, {
    count: n,
    seed,
    partialShare,
    validateEvery: validateAll ? 1 : 100,
    round: round?.round,
  });
  await closeDb(db);
  console.log(
    `Inserted ${complete} complete and ${partial} partial demo responses to ${survey.slug} into ${describeTarget(databaseTarget())} ` +
      `(seed ${seed}${round ? `, round ${round.round} “${round.name}”` : ""}) in ${((performance.now() - started) / 1000).toFixed(1)} s.\n` +
      "The dashboards will warn that they include demo data until you run: npm run demo -- --remove",
  );
}
