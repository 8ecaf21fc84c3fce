// Demo data on the coordinator dashboards, over HTTP against the built app: with `npm run demo`
// responses in the database every view says so, with the count; `npm run demo -- --remove` takes
// them out — and only them: real responses sent through the public API stay, with their figures.
// Under the release rule (release-rule.md) the aggregate views count the demo responses that are
// released: those of an institution with at least k of them (demo and real never share a group).
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertDemoResponses } from "@/db/queries/insert-demo-responses";
import { and, eq, inArray, sql } from "drizzle-orm";
import { closeDb, tablesOf } from "@/db/client";
import { first, int } from "@/db/dialect";
import { getSurvey } from "@/surveys/registry";
import { call, createUser, openTestDb, signIn } from "../support/coordinators";
import { completeAnswers, TOPICS } from "../support/sample-answers";
import { databaseEnv } from "../support/engine";
import { startServer, type TestServer } from "../support/server";

const ROOT = path.resolve(__dirname, "../..");
const NEEDS_VIEWS = [
  "/admin/surveys/dnc-tim/needs",
  "/admin/surveys/dnc-tim/summary",
  "/admin/surveys/dnc-tim/needs/open",
  "/admin/surveys/dnc-tim/needs/report",
];
const COVERAGE = "/admin/surveys/dnc-tim/coverage";
const REAL_COMPLETE = 6;

let server: TestServer;
let cookie: string;
const realIds: string[] = [];
let demo: { complete: number; partial: number };
/** The demo responses a release holds: per institution, the groups of at least k = 5. */
let demoReleased: number;
let figuresBefore: unknown;

type NeedsBody = { n: number | null; demoResponses: number; total: { topics: unknown[] } | null; release: { pending: number } };
type CoverageBody = { total: { started: number; completed: number }; demoResponses: { started: number; completed: number } };

async function html(pathname: string, locale?: "en"): Promise<string> {
  const res = await call(server.url, pathname, { cookie: locale ? `${cookie}; NEXT_LOCALE=${locale}` : cookie });
  expect(res.status, pathname).toBe(200);
  return res.text();
}

/** The text of the demo warning on a page, or "" when there is none. */
function banner(page: string): string {
  const start = page.indexOf('data-testid="demo-data-banner"');
  if (start < 0) return "";
  const end = page.indexOf("</div>", start);
  return page
    .slice(page.indexOf(">", start) + 1, end)
    .replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

async function needs(query = ""): Promise<NeedsBody> {
  const res = await call(server.url, `/api/surveys/dnc-tim/needs${query}`, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as NeedsBody;
}

async function coverage(): Promise<CoverageBody> {
  const res = await call(server.url, "/api/admin/surveys/dnc-tim/coverage", { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as CoverageBody;
}

/** `npm run demo -- <args>` against the server's database, as an operator would run it. */
function npmRunDemo(...args: string[]): string {
  const run = spawnSync("npm", ["run", "--silent", "demo", "--", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...databaseEnv(server.db) },
    encoding: "utf8",
    timeout: 60_000,
  });
  // Stack frames left out of the message: vitest would try to source-map them.
  const stderr = run.stderr
    .split("\n")
    .filter((line) => !/^\s+at /.test(line))
    .join("\n");
  expect(run.status, `npm run demo -- ${args.join(" ")}: ${stderr}`).toBe(0);
  return run.stdout;
}

beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, "analista@dgsd.gob.pe", "analyst");
  cookie = await signIn(server.url, "analista@dgsd.gob.pe");
  // Real respondents, through the public API: six complete (k = 5: the figures are shown), one unfinished.
  for (let i = 0; i <= REAL_COMPLETE; i++) {
    const id = randomUUID();
    const complete = i < REAL_COMPLETE;
    const data = complete ? completeAnswers() : { consentimiento: true, institucion: "pnp" };
    const res = await call(server.url, `/api/responses/${id}`, {
      method: "PUT",
      json: { survey: "dnc-tim", unit: null, locale: "es", data, complete },
    });
    expect(res.status).toBe(200);
    realIds.push(id);
  }
});

afterAll(async () => {
  await server?.stop();
});

describe("demo data on the dashboards", () => {
  it("without demo responses, no view warns and the APIs count none", async () => {
    for (const view of [...NEEDS_VIEWS, COVERAGE, "/admin"]) {
      const page = await html(view);
      expect(banner(page), view).toBe("");
      expect(page, view).not.toMatch(/incluyen? \d+ (respuestas? )?de demostración/);
      expect(page, view).not.toContain('data-testid="report-demo-mark"');
      expect(page, view).not.toContain('data-testid="demo-badge"');
    }
    const body = await needs();
    expect(body.n).toBe(REAL_COMPLETE);
    expect(body.demoResponses).toBe(0);
    figuresBefore = body.total;
    expect((await coverage()).demoResponses).toEqual({ started: 0, completed: 0 });
  });

  it("with demo responses, every needs view, the printed report and coverage say how many", async () => {
    const db = await openTestDb(server.db);
    const survey = await getSurvey("dnc-tim");
    if (!survey) throw new Error("survey dnc-tim missing");
    demo = await insertDemoResponses(db, survey, { count: 30, seed: 1, partialShare: 0.2 });
    await closeDb(db);
    expect(demo.partial).toBeGreaterThan(0);
    const started = demo.complete + demo.partial;
    const byInstitution = new Map<unknown, number>();
    const check = await openTestDb(server.db);
    try {
      const { responses } = tablesOf(check);
      const rows = await check
        .select({ data: responses.data })
        .from(responses)
        .where(and(eq(responses.isDemo, true), eq(responses.status, "complete")));
      for (const { data } of rows) {
        const institucion = (JSON.parse(data) as { institucion?: unknown }).institucion;
        byInstitution.set(institucion, (byInstitution.get(institucion) ?? 0) + 1);
      }
    } finally {
      await closeDb(check);
    }
    demoReleased = [...byInstitution.values()].filter((n) => n >= 5).reduce((t, n) => t + n, 0);
    // Some institutions' demo responses are released, some wait.
    expect(demoReleased).toBeGreaterThan(0);
    expect(demoReleased).toBeLessThan(demo.complete);

    for (const view of NEEDS_VIEWS) {
      const text = banner(await html(view));
      expect(text, view).toContain(`Estos resultados incluyen ${demoReleased} respuestas de demostración (generadas con npm run demo).`);
      expect(text, view).toContain("No los use para tomar decisiones.");
      expect(text, view).toContain("npm run demo -- --remove");
    }
    // Every printed page of the report carries the warning (the on-screen header is not printed).
    const report = await html("/admin/surveys/dnc-tim/needs/report");
    const pages = report.match(/data-report-page=/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(report.match(/data-testid="report-demo-mark"/g)?.length).toBe(pages);
    expect(report).toContain(`Este informe incluye ${demoReleased} respuestas de demostración`);

    expect(banner(await html(COVERAGE))).toContain(
      `Estas cifras incluyen ${started} respuestas de demostración (${demo.complete} completas), generadas con npm run demo. No las use para tomar decisiones.`,
    );
    expect(await html("/admin")).toContain(`incluye ${started} de demostración`);
    expect(banner(await html(NEEDS_VIEWS[0] as string, "en"))).toContain(
      `These results include ${demoReleased} demo responses (generated with npm run demo).`,
    );

    const body = await needs();
    expect(body.n).toBe(REAL_COMPLETE + demoReleased);
    expect(body.demoResponses).toBe(demoReleased);
    expect(body.release.pending).toBe(demo.complete - demoReleased);
    // Under a filter, the count is the filter's: all real respondents are pnp.
    const pnp = await needs("?institucion=pnp");
    expect(pnp.demoResponses).toBe((pnp.n ?? NaN) - REAL_COMPLETE);
    expect(pnp.demoResponses).toBeLessThan(demoReleased);
    const cov = await coverage();
    expect(cov.demoResponses).toEqual({ started, completed: demo.complete });
    expect(cov.total).toMatchObject({ started: REAL_COMPLETE + 1 + started, completed: REAL_COMPLETE + demo.complete });
  });

  it("--remove --survey <another survey> removes nothing", async () => {
    expect(npmRunDemo("--remove", "--survey", "otra-encuesta")).toContain("Removed 0 demo responses of survey otra-encuesta");
    expect((await needs()).demoResponses).toBe(demoReleased);
  });

  it("npm run demo -- --remove deletes the demo responses and their ratings; the warnings go, real responses stay", async () => {
    const out = npmRunDemo("--remove");
    expect(out).toContain(`Removed ${demo.complete + demo.partial} demo responses (and their ${demo.complete * TOPICS.length} need ratings)`);
    expect(out).toContain(`${REAL_COMPLETE + 1} remain`);

    for (const view of [...NEEDS_VIEWS, COVERAGE, "/admin"]) {
      const page = await html(view);
      expect(banner(page), view).toBe("");
      expect(page, view).not.toContain('data-testid="report-demo-mark"');
      expect(page, view).not.toContain('data-testid="demo-badge"');
    }
    const body = await needs();
    expect(body.demoResponses).toBe(0);
    expect(body.n).toBe(REAL_COMPLETE);
    expect(body.total).toEqual(figuresBefore);
    expect(body.release.pending).toBe(0);
    const cov = await coverage();
    expect(cov.demoResponses).toEqual({ started: 0, completed: 0 });
    expect(cov.total).toMatchObject({ started: REAL_COMPLETE + 1, completed: REAL_COMPLETE });

    // The real responses, with their need ratings, and nothing else.
    const check = await openTestDb(server.db);
    try {
      const { responses, needRatings, auditLog } = tablesOf(check);
      const count = int(sql`count(*)`);
      const real = await first(
        check
          .select({ n: count })
          .from(responses)
          .where(and(inArray(responses.id, realIds), eq(responses.isDemo, false))),
      );
      expect(real?.n).toBe(realIds.length);
      expect((await first(check.select({ n: count }).from(responses)))?.n).toBe(realIds.length);
      expect((await first(check.select({ n: count }).from(needRatings)))?.n).toBe(REAL_COMPLETE * TOPICS.length);
      const audit = await first(
        check.select({ actor: auditLog.actor, details: auditLog.details }).from(auditLog).where(eq(auditLog.action, "demo.remove")),
      );
      expect(audit?.actor).toBe("cli");
      expect(JSON.parse(audit?.details ?? "null")).toMatchObject({ responses: demo.complete + demo.partial });
    } finally {
      await closeDb(check);
    }
    // The unfinished real respondent can still finish.
    const last = realIds[REAL_COMPLETE] as string;
    const finish = await call(server.url, `/api/responses/${last}`, {
      method: "PUT",
      json: { survey: "dnc-tim", unit: null, locale: "es", data: completeAnswers(), complete: true },
    });
    expect(finish.status).toBe(200);
    // Alone (1 < k) it waits for a release: the figures stay, the pending count says so.
    const after = await needs();
    expect(after.n).toBe(REAL_COMPLETE);
    expect(after.release.pending).toBe(1);
  });
});
