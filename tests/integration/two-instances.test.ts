// Two app instances on one PostgreSQL database, as behind a load balancer (docs/deployment.md):
// what one instance knows, the other must know too — a coordinator's session, a client's save rate
// limit, a submitted response, a survey published or closed, a signed-out session. Only on the PostgreSQL run:
// a SQLite file is served by one process (two processes on one file is not a supported deployment).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_EMAIL, call, createUser, signIn } from "../support/coordinators";
import { ON_POSTGRES } from "../support/engine";
import { MANAGED_SLUG, managedSurvey } from "../support/managed-surveys";
import { completeAnswers } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";

const LIMIT = 4;
let a: TestServer;
let b: TestServer;

describe.skipIf(!ON_POSTGRES)("two instances on one PostgreSQL database", () => {
  beforeAll(async () => {
    a = await startServer({ env: { SONDEO_RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
    b = await startServer({ db: a.db, env: { SONDEO_RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
    await createUser(a.db, ADMIN_EMAIL, "admin");
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  const save = (server: TestServer, ip: string, complete = false) =>
    call(server.url, `/api/responses/${randomUUID()}`, {
      method: "PUT",
      headers: { "x-forwarded-for": ip },
      json: { survey: "dnc-tim", unit: null, locale: "es", data: complete ? completeAnswers() : {}, complete },
    });

  it("a session opened on one instance is honoured by the other, and a sign-out on the other ends it", async () => {
    const cookie = await signIn(a.url, ADMIN_EMAIL);
    expect((await call(b.url, "/api/admin/users", { cookie })).status).toBe(200);
    expect((await call(b.url, "/api/auth/logout", { method: "POST", cookie })).status).toBeLessThan(400);
    expect((await call(a.url, "/api/admin/users", { cookie })).status).toBe(401);
  });

  it("counts one client's saves across both instances against one limit", async () => {
    // One fixed window of a minute: start early in it, so the saves below fall in the same one.
    const second = new Date().getUTCSeconds();
    if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    const ip = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await save(i % 2 === 0 ? a : b, ip)).status);
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    const over = await save(b, ip);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await save(a, "198.51.100.7")).status).toBe(200);
  });

  it("a response submitted through one instance is counted by the other", async () => {
    const cookie = await signIn(b.url, ADMIN_EMAIL);
    const before = (await (await call(b.url, "/api/admin/surveys/dnc-tim/coverage", { cookie })).json()) as { total: { completed: number } };
    expect((await save(a, "192.0.2.10", true)).status).toBe(200);
    const after = (await (await call(b.url, "/api/admin/surveys/dnc-tim/coverage", { cookie })).json()) as { total: { completed: number } };
    expect(after.total.completed).toBe(before.total.completed + 1);
  });

  it("a survey uploaded and published on one instance is served by the other within seconds", async () => {
    const cookie = await signIn(a.url, ADMIN_EMAIL);
    const uploaded = await call(a.url, "/api/admin/surveys", { method: "POST", cookie, json: managedSurvey() });
    expect(uploaded.status).toBe(201);
    const { version } = (await uploaded.json()) as { version: string };
    expect((await call(b.url, `/s/${MANAGED_SLUG}`)).status).toBe(404);
    const published = await call(a.url, `/api/admin/surveys/${MANAGED_SLUG}/versions/${version}/publish`, { method: "POST", cookie });
    expect(published.status).toBe(200);
    // The other instance re-reads the published versions at most every 2 s (surveys/registry.ts).
    const deadline = Date.now() + 10_000;
    let page = await call(b.url, `/s/${MANAGED_SLUG}`);
    while (page.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      page = await call(b.url, `/s/${MANAGED_SLUG}`);
    }
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Capacitación en zonas de frontera");
  });

  it("a survey closed on one instance refuses answers on the other", async () => {
    const cookie = await signIn(a.url, ADMIN_EMAIL);
    const closed = await call(a.url, "/api/admin/surveys/dnc-tim/status", { method: "POST", cookie, json: { status: "closed" } });
    expect(closed.status).toBe(200);
    const refused = await save(b, "192.0.2.11");
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: "survey_closed" });
    await call(a.url, "/api/admin/surveys/dnc-tim/status", { method: "POST", cookie, json: { status: "open" } });
    expect((await save(b, "192.0.2.12")).status).toBe(200);
  });
});
