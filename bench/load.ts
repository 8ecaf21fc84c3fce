// npx tsx bench/load.ts [--seconds 60] [--respondents 50]
// The full-length respondent load: starts the built app on 127.0.0.1 with a throwaway database,
// runs simulated respondents (autosaves + completions), prints requests, errors, p50/p99 and
// checks that every acknowledged completion is stored exactly once. Stops everything it started.
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { buildIfNeeded } from "../scripts/build-if-needed";
import { runRespondentLoad } from "../tests/support/respondent-load";
import { startServer } from "../tests/support/server";
import { verifyAcknowledged } from "../tests/support/verify-stored";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "60" }, respondents: { type: "string", default: "50" } },
});

async function main(): Promise<void> {
  buildIfNeeded();
  const server = await startServer();
  try {
    const db = new Database(server.dbFile, { readonly: true });
    const unit = (db.prepare("select link_code from units where code = 'CR-TAC'").get() as { link_code: string }).link_code;
    db.close();
    const seconds = Number(values.seconds);
    const respondents = Number(values.respondents);
    const report = await runRespondentLoad({ url: server.url, unit, respondents, seconds });
    const check = await verifyAcknowledged(server.dbFile, report.acknowledged);
    const lost = check.missing.length + check.notComplete.length + check.wrongRatings.length;
    console.log(`respondents      ${respondents}`);
    console.log(`duration         ${seconds} s`);
    console.log(`requests         ${report.requests} (${(report.requests / seconds).toFixed(1)}/s)`);
    console.log(`completions      ${report.acknowledged.size} acknowledged`);
    console.log(`errors           ${report.errors} (5xx/unexpected), network ${report.networkErrors}, 429 ${report.rateLimited}`);
    console.log(`latency          p50 ${report.p50.toFixed(0)} ms, p99 ${report.p99.toFixed(0)} ms`);
    console.log(`stored check     integrity ${check.integrity}, lost ${lost}, duplicates ${check.duplicates}`);
    if (report.errors > 0 || lost > 0 || check.duplicates > 0 || check.integrity !== "ok") process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
