// Roles: an analyst sees dashboards but no admin page or admin API; admins manage accounts —
// deactivating someone signs them out, and the last admin cannot be removed.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { all, get, run, transaction } from "@/db/dialect";
import { startServer, type TestServer } from "../support/server";
import { call, createUser, openTestDb, signIn, signInAdminAndAnalyst, TEST_PASSWORD } from "../support/coordinators";

let server: TestServer;
let admin: string;
let analyst: string;

beforeAll(async () => {
  server = await startServer();
  ({ admin, analyst } = await signInAdminAndAnalyst(server));
});
afterAll(async () => {
  await server?.stop();
});

describe("analyst role", () => {
  it("can read the surveys list and coverage (page and API)", async () => {
    expect((await call(server.url, "/admin", { cookie: analyst })).status).toBe(200);
    expect((await call(server.url, "/admin/surveys/dnc-tim/coverage", { cookie: analyst })).status).toBe(200);
    expect((await call(server.url, "/api/admin/surveys/dnc-tim/coverage", { cookie: analyst })).status).toBe(200);
  });

  it.each(["/admin/units", "/admin/units/1", "/admin/users", "/admin/users/1", "/admin/audit"])("is sent to /admin/forbidden from %s", async (p) => {
    const res = await call(server.url, p, { cookie: analyst });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("/admin/forbidden");
  });

  it.each([
    ["GET", "/api/admin/units", undefined],
    ["POST", "/api/admin/units", { code: "X-1", name: "X", institution: "Y", region: "PE-TUM", expected: 1 }],
    ["PATCH", "/api/admin/units/1", { active: false }],
    ["POST", "/api/admin/units/1/link", {}],
    ["GET", "/api/admin/users", undefined],
    ["POST", "/api/admin/users", { email: "x@x.pe", role: "admin", password: "0123456789ab" }],
    ["PATCH", "/api/admin/users/2", { role: "admin" }],
    ["POST", "/api/admin/users/2/password", { password: "0123456789ab" }],
    ["POST", "/api/admin/surveys/dnc-tim/status", { status: "closed" }],
  ] as const)("gets 403 from %s %s and changes nothing", async (method, p, json) => {
    const res = await call(server.url, p, { method, cookie: analyst, json });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: "forbidden" });
  });

  it("cannot import units either (CSV body)", async () => {
    const res = await call(server.url, "/api/admin/units/import", {
      method: "POST",
      cookie: analyst,
      body: "code,name,institution,region,expected\nZ-1,Z,Z,PE-TUM,1\n",
      headers: { "content-type": "text/csv" },
    });
    expect(res.status).toBe(403);
  });

  it("sees no admin navigation", async () => {
    const html = await (await call(server.url, "/admin", { cookie: analyst })).text();
    expect(html).not.toContain('href="/admin/users"');
    expect(html).not.toContain('href="/admin/audit"');
    const adminHtml = await (await call(server.url, "/admin", { cookie: admin })).text();
    expect(adminHtml).toContain('href="/admin/users"');
  });
});

describe("user management by admins", () => {
  it("adds an account, which can then sign in with its role; a duplicate e-mail is a clear 409", async () => {
    const res = await call(server.url, "/api/admin/users", {
      method: "POST",
      cookie: admin,
      json: { email: "Nuevo@DGSD.gob.pe", name: "Nuevo Analista", role: "analyst", password: "una-clave-larga" },
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.user).toMatchObject({ email: "nuevo@dgsd.gob.pe", role: "analyst", active: true });
    expect(body.user.passwordHash).toBeUndefined();
    await signIn(server.url, "nuevo@dgsd.gob.pe", "una-clave-larga");
    const dup = await call(server.url, "/api/admin/users", {
      method: "POST",
      cookie: admin,
      json: { email: "nuevo@dgsd.gob.pe", role: "admin", password: "una-clave-larga" },
    });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ error: "email_taken" });
    const short = await call(server.url, "/api/admin/users", {
      method: "POST",
      cookie: admin,
      json: { email: "c@d.pe", role: "admin", password: "corta" },
    });
    expect(short.status).toBe(422);
    expect(await short.json()).toMatchObject({ issues: [{ field: "password", code: "password_too_short" }] });
  });

  it("deactivating an account revokes its sessions at once; reactivating lets it sign in again", async () => {
    const user = await createUser(server.db, "temporal@dgsd.gob.pe", "analyst");
    const session = await signIn(server.url, "temporal@dgsd.gob.pe");
    expect((await call(server.url, "/api/admin/surveys/dnc-tim/coverage", { cookie: session })).status).toBe(200);
    const off = await call(server.url, `/api/admin/users/${user.id}`, { method: "PATCH", cookie: admin, json: { active: false } });
    expect(off.status).toBe(200);
    expect((await call(server.url, "/api/admin/surveys/dnc-tim/coverage", { cookie: session })).status).toBe(401);
    const again = await call(server.url, "/api/auth/login", { method: "POST", json: { email: "temporal@dgsd.gob.pe", password: TEST_PASSWORD } });
    expect(again.status).toBe(401);
    await call(server.url, `/api/admin/users/${user.id}`, { method: "PATCH", cookie: admin, json: { active: true } });
    await signIn(server.url, "temporal@dgsd.gob.pe");
  });

  it("a role change applies to existing sessions immediately", async () => {
    const user = await createUser(server.db, "promovida@dgsd.gob.pe", "analyst");
    const session = await signIn(server.url, "promovida@dgsd.gob.pe");
    expect((await call(server.url, "/api/admin/units", { cookie: session })).status).toBe(403);
    await call(server.url, `/api/admin/users/${user.id}`, { method: "PATCH", cookie: admin, json: { role: "admin" } });
    expect((await call(server.url, "/api/admin/units", { cookie: session })).status).toBe(200);
  });

  it("resetting a password signs the person out and the new password works", async () => {
    const user = await createUser(server.db, "olvido@dgsd.gob.pe", "analyst");
    const session = await signIn(server.url, "olvido@dgsd.gob.pe");
    const res = await call(server.url, `/api/admin/users/${user.id}/password`, {
      method: "POST",
      cookie: admin,
      json: { password: "nueva-clave-2026" },
    });
    expect(res.status).toBe(200);
    expect((await call(server.url, "/api/admin/surveys/dnc-tim/coverage", { cookie: session })).status).toBe(401);
    await signIn(server.url, "olvido@dgsd.gob.pe", "nueva-clave-2026");
  });

  it("never leaves the platform without an active admin, and an admin cannot deactivate themself", async () => {
    const db = await openTestDb(server.db);
    const adminId = (await get<{ id: number }>(db, sql`select id from users where email = ${"admin@dgsd.gob.pe"}`))!.id;
    // Demote every other admin so this one is the last.
    await transaction(db, (tx) => run(tx, sql`update users set role = 'analyst' where email <> 'admin@dgsd.gob.pe'`));
    await closeDb(db);
    const self = await call(server.url, `/api/admin/users/${adminId}`, { method: "PATCH", cookie: admin, json: { active: false } });
    expect(self.status).toBe(409);
    expect(await self.json()).toMatchObject({ error: "cannot_deactivate_self" });
    const demote = await call(server.url, `/api/admin/users/${adminId}`, { method: "PATCH", cookie: admin, json: { role: "analyst" } });
    expect(demote.status).toBe(409);
    expect(await demote.json()).toMatchObject({ error: "last_admin" });
  });

  it("audits account changes without passwords", async () => {
    const db = await openTestDb(server.db);
    const rows = await all<{
      action: string;
      actor: string;
      target: string;
      details: string;
    }>(db, sql`select action, actor, target, details from audit_log where action like 'user.%' order by id`);
    await closeDb(db);
    expect(rows).toContainEqual(expect.objectContaining({ action: "user.create", actor: "admin@dgsd.gob.pe", target: "nuevo@dgsd.gob.pe" }));
    expect(rows).toContainEqual(
      expect.objectContaining({ action: "user.update", target: "temporal@dgsd.gob.pe", details: expect.stringContaining('"active":[true,false]') }),
    );
    expect(rows).toContainEqual(expect.objectContaining({ action: "user.password_reset", target: "olvido@dgsd.gob.pe" }));
    expect(JSON.stringify(rows)).not.toMatch(/nueva-clave|una-clave|scrypt/);
  });
});
