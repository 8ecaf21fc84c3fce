// The needs API over several releases (release-rule.md), compared with the test oracle
// (tests/support/needs-oracle.ts): dnc-inspeccion's dataset submitted over HTTP on three days
// (the server's clock set through SONDEO_CLOCK_FILE), with a read after each day's submissions —
// so groups wait and join later releases, some cells cannot be brought up to date ("not_updated"),
// and date filters pick whole releases.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dncInspeccionDataset } from "../support/dnc-inspeccion-dataset";
import { createAnalyst, loginCookie } from "../support/needs-auth";
import { differences, documentedFields } from "../support/needs-compare";
import { expectedNeeds, oracleSurvey, type ExpectedNeeds, type OracleResponse, type OracleSurvey } from "../support/needs-oracle";
import { startServer, type TestServer } from "../support/server";

type Json = Record<string, unknown>;
const SLUG = "dnc-inspeccion";
const DAYS = ["2026-04-01", "2026-04-02", "2026-04-03"];
/** 10:00 in Lima on each day. */
const clockOf = (day: string) => `${day}T15:00:00.000Z`;

let server: TestServer;
let cookie: string;
let clockFile: string;
let survey: OracleSurvey;
const responses: OracleResponse[] = [];

async function getJson(url: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${server.url}${url}`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as Json };
}

beforeAll(async () => {
  clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-clock-")), "now");
  fs.writeFileSync(clockFile, clockOf(DAYS[0] as string));
  server = await startServer({ env: { SONDEO_MIN_GROUP_SIZE: "5", SONDEO_CLOCK_FILE: clockFile } });
  await createAnalyst(server.db);
  cookie = await loginCookie(server.url);
  const definition = JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../surveys/${SLUG}.json`), "utf8")) as Json;
  survey = oracleSurvey(definition);
  const { completed, partial } = dncInspeccionDataset();
  for (const [epoch, day] of DAYS.entries()) {
    fs.writeFileSync(clockFile, clockOf(day));
    const today = completed.filter((_, i) => i % DAYS.length === epoch);
    for (const data of [...today, ...(epoch === 0 ? partial : [])]) {
      const complete = today.includes(data);
      const res = await fetch(`${server.url}/api/responses/${randomUUID()}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ survey: SLUG, unit: null, locale: "es", data, complete, page: complete ? undefined : 2 }),
      });
      const body = (await res.json()) as { submittedAt?: string | null };
      if (res.status !== 200) throw new Error(`PUT → ${res.status}: ${JSON.stringify(body).slice(0, 400)}`);
      if (complete) expect(body.submittedAt).toBe(clockOf(day));
      responses.push({ answers: data, complete, unit: null, day, epoch });
    }
    // The day's read: it makes the day's release, if some group has reached k.
    expect((await getJson(`/api/surveys/${SLUG}/needs`)).status).toBe(200);
  }
});

afterAll(async () => {
  await server?.stop();
});

interface View {
  by: string;
  filters: Record<string, string>;
}

function views(): View[] {
  const [first, second] = survey.declaration.breakdowns as [string, string];
  const filters: Record<string, string>[] = [{}];
  for (const b of [first, second]) for (const v of survey.choices[b] ?? []) filters.push({ [b]: v });
  for (const a of survey.choices[first] ?? []) for (const b of survey.choices[second] ?? []) filters.push({ [first]: a, [second]: b });
  for (const day of DAYS) filters.push({ from: day }, { to: day }, { from: day, to: day }, { [first]: "ilm", from: day });
  return [first, second].flatMap((by) => filters.map((f) => ({ by, filters: f })));
}

const expectedFor = (v: View): ExpectedNeeds => expectedNeeds(survey, 5, responses, v);

describe("the needs API over three releases", () => {
  it("matches the oracle for every breakdown, filter, pair and date range", async () => {
    const problems: string[] = [];
    for (const v of views()) {
      const url = `/api/surveys/${SLUG}/needs?${new URLSearchParams({ by: v.by, ...v.filters })}`;
      const { status, body } = await getJson(url);
      if (status !== 200) {
        problems.push(`${url}: status ${status}`);
        continue;
      }
      const diffs = differences(documentedFields(body), { survey: SLUG, ...expectedFor(v), filters: v.filters, demoResponses: 0 });
      if (diffs.length > 0) problems.push(`${url}: ${diffs.slice(0, 6).join(" | ")}`);
    }
    expect(problems).toEqual([]);
  });

  it("the releases are the days' reads: their times, what waits, and what the dataset exercises", async () => {
    const { body } = await getJson(`/api/surveys/${SLUG}/needs`);
    const release = body.release as { asOf: { release: number; releasedAt: string }; covers: Json; pending: number };
    expect(release.asOf).toEqual({ release: 3, releasedAt: clockOf(DAYS[2] as string) });
    expect(release.covers).toMatchObject({ fromRelease: 1, toRelease: 3, firstSubmittedAt: clockOf(DAYS[0] as string) });
    expect(release.pending).toBe(expectedFor({ by: "intendencia", filters: {} }).release.pending);
    expect(release.pending).toBeGreaterThan(0);
    // The second day alone: release 2.
    const second = await getJson(`/api/surveys/${SLUG}/needs?from=${DAYS[1]}&to=${DAYS[1]}`);
    expect(second.body.release).toMatchObject({ covers: { fromRelease: 2, toRelease: 2 } });
    const seen = new Set(
      views().flatMap((v) => {
        const e = expectedFor(v);
        return [e.suppressed, ...e.groups.map((g) => g.suppressed)];
      }),
    );
    for (const reason of ["not_released", "unreleased", "not_updated", "primary"]) expect(seen.has(reason as never), reason).toBe(true);
  });
});
