// 50 simulated respondents autosave and submit concurrently for SONDEO_LOAD_SECONDS (default 10;
// `npx tsx bench/load.ts` runs the 60 s version). No 5xx, and every acknowledged completion is
// stored exactly once.
import { afterAll, beforeAll, expect, it } from "vitest";
import { runRespondentLoad } from "../support/respondent-load";
import { startServer, type TestServer } from "../support/server";
import { unitLink } from "../support/units";
import { verifyAcknowledged } from "../support/verify-stored";

let server: TestServer;
let unit: string;

beforeAll(async () => {
  server = await startServer();
  unit = await unitLink(server.db, "CR-TAC");
});
afterAll(async () => server?.stop());

it("serves 50 concurrent respondents without errors and loses no acknowledged response", async () => {
  const seconds = Number(process.env.SONDEO_LOAD_SECONDS ?? 10);
  const report = await runRespondentLoad({ url: server.url, unit, respondents: 50, seconds });
  console.log(
    `[load] ${seconds} s, 50 respondents: ${report.requests} requests, ${report.acknowledged.size} completions, ` +
      `errors ${report.errors}, network errors ${report.networkErrors}, 429s ${report.rateLimited}, ` +
      `p50 ${report.p50.toFixed(0)} ms, p99 ${report.p99.toFixed(0)} ms, statuses ${JSON.stringify(report.statuses)}`,
  );
  expect(report.errors).toBe(0);
  expect(report.networkErrors).toBe(0);
  expect(report.acknowledged.size).toBeGreaterThan(0);
  const check = await verifyAcknowledged(server.db, report.acknowledged);
  expect(check).toEqual({ integrity: "ok", missing: [], notComplete: [], wrongRatings: [], duplicates: 0 });
}, 180_000);
