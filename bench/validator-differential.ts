// The differential test at full size: for dnc-tim and each small survey of
// tests/support/differential-surveys.ts, N generated submissions checked by the compiled validator
// and by survey-core, which must agree on every verdict and issue. Prints the counts and the time;
// exits 1 with fast-check's shrunk counterexample at the first disagreement.
//
//   npx tsx bench/validator-differential.ts [--runs 10000] [--dnc-runs 500] [--seed 42]
import { isCompiled } from "@/lib/responses/response-validation";
import { checkAgreement, submissionsFor } from "../tests/support/differential-check";
import { DIFFERENTIAL_SURVEYS } from "../tests/support/differential-surveys";
import { loadDncTim } from "../tests/support/dnc-tim";
import { dncTimAnswersArb } from "../tests/support/dnc-tim-arbitraries";
import { numberOption } from "./harness";

const runs = numberOption("runs", 10_000);
const dncRuns = numberOption("dnc-runs", 500);
const seedIndex = process.argv.indexOf("--seed");
const seed = seedIndex >= 0 ? Number(process.argv[seedIndex + 1]) : undefined;
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;

const dnc = loadDncTim().definition;
type Check = () => ReturnType<typeof checkAgreement>;
const cases: [string, object, Check][] = [
  ["dnc-tim", dnc, () => checkAgreement(dnc, dncTimAnswersArb(dnc), dncRuns, seed)],
  ...Object.entries(DIFFERENTIAL_SURVEYS).map(([name, definition]): [string, object, Check] => [
    name.toLowerCase(),
    definition,
    () => checkAgreement(definition, submissionsFor(definition), runs, seed),
  ]),
];

async function main(): Promise<boolean> {
  let failed = false;
  for (const [name, definition, check] of cases) {
    if (only && only !== name) continue;
    if (!isCompiled(definition)) throw new Error(`${name} is not compiled`);
    const start = performance.now();
    try {
      const { accepted, rejected } = await check();
      const seconds = ((performance.now() - start) / 1000).toFixed(0);
      console.log(
        `${name.padEnd(9)} ${String(accepted + rejected).padStart(6)} submissions agree (${accepted} accepted, ${rejected} rejected) in ${seconds} s`,
      );
    } catch (err) {
      failed = true;
      console.log(`${name.padEnd(9)} DISAGREEMENT\n${(err as Error).message}`);
    }
  }
  return failed;
}

main().then(
  (failed) => process.exit(failed ? 1 : 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
