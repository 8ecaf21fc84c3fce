// Under respondent load, the server is killed with SIGKILL at a random moment, restarted on the
// same database (a SQLite file, or on the PostgreSQL run the same database), and every completion it had acknowledged must be there, complete, with its
// need ratings; the file passes integrity_check and the app serves again. Three rounds.
import { afterAll, expect, it } from "vitest";
import { runRespondentLoad } from "../support/respondent-load";
import { startServer, type TestServer } from "../support/server";
import { unitLink } from "../support/units";
import { verifyAcknowledged } from "../support/verify-stored";

const ROUNDS = Number(process.env.SONDEO_CRASH_ROUNDS ?? 3);
let server: TestServer | undefined;
afterAll(async () => server?.stop());

it(`keeps every acknowledged response across ${ROUNDS} kill -9 crashes`, async () => {
  server = await startServer();
  const database = server.db;
  const unit = await unitLink(database, "CR-PUN");
  const acknowledged = new Set<string>();
  for (let round = 1; round <= ROUNDS; round++) {
    // Warm the server up (the first validation loads survey-core), then kill at a random moment.
    const warm = await runRespondentLoad({ url: server.url, unit, respondents: 2, seconds: 10, maxCompletions: 2 });
    for (const id of warm.acknowledged) acknowledged.add(id);
    const killAfterMs = 2000 + Math.floor(Math.random() * 3000);
    const controller = new AbortController();
    const load = runRespondentLoad({ url: server.url, unit, respondents: 20, seconds: 15, signal: controller.signal });
    await new Promise((r) => setTimeout(r, killAfterMs));
    server.process.kill("SIGKILL");
    await new Promise((r) => server!.process.once("exit", r));
    controller.abort();
    const report = await load;
    for (const id of report.acknowledged) acknowledged.add(id);
    console.log(
      `[crash] round ${round}: killed after ${killAfterMs} ms; ${report.requests} requests, ` +
        `${report.acknowledged.size} acknowledged completions (total ${acknowledged.size}), ${report.errors} errors`,
    );
    expect(report.errors).toBe(0);
    server = await startServer({ db: database });
    const check = await verifyAcknowledged(database, acknowledged);
    expect(check).toEqual({ integrity: "ok", missing: [], notComplete: [], wrongRatings: [], duplicates: 0 });
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  }
  expect(acknowledged.size).toBeGreaterThan(0);
}, 300_000);
