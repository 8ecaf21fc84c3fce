// Sign-in, sign-out, session expiry, throttling (per account and per IP, surviving a restart),
// Origin checks and the audit trail of all of it — over real HTTP.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { all, run, transaction } from "@/db/dialect";
import { startServer, type TestServer } from "../support/server";
import { call, createUser, openTestDb, signIn, TEST_PASSWORD } from "../support/coordinators";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, "ana@dgsd.gob.pe", "admin");
  await createUser(server.db, "luis@dgsd.gob.pe", "analyst");
});
afterAll(async () => {
  await server?.stop();
});

async function auditActions(): Promise<{ action: string; actor: string; target: string | null; details: string | null; ip: string | null }[]> {
  const db = await openTestDb(server.db);
  try {
    return await all(db, sql`select action, actor, target, details, ip from audit_log where action like 'auth.%' order by id`);
  } finally {
    await closeDb(db);
  }
}

describe("sign-in and sessions", () => {
  it("signs in with JSON, sets an HttpOnly SameSite=Lax 12-hour cookie, and the session opens admin routes", async () => {
    const res = await call(server.url, "/api/auth/login", {
      method: "POST",
      json: { email: "  ANA@dgsd.gob.pe ", password: TEST_PASSWORD },
      headers: { "x-forwarded-for": "198.51.100.1" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { email: "ana@dgsd.gob.pe", role: "admin" } });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^sondeo_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; see the https case below
    const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie)?.[1] ?? "");
    expect(Math.abs(expires - (Date.now() + 12 * 3600_000))).toBeLessThan(60_000);

    const session = cookie.split(";")[0] ?? "";
    expect((await call(server.url, "/api/admin/units", { cookie: session })).status).toBe(200);
    const page = await call(server.url, "/admin", { cookie: session });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("ana@dgsd.gob.pe");
  });

  it("marks the cookie Secure behind an https proxy", async () => {
    const res = await call(server.url, "/api/auth/login", {
      method: "POST",
      json: { email: "ana@dgsd.gob.pe", password: TEST_PASSWORD },
      headers: { "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.2" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
  });

  it("refuses wrong passwords and unknown accounts with the same answer", async () => {
    const wrong = await call(server.url, "/api/auth/login", { method: "POST", json: { email: "ana@dgsd.gob.pe", password: "nope-nope-nope" } });
    const unknown = await call(server.url, "/api/auth/login", { method: "POST", json: { email: "nadie@dgsd.gob.pe", password: "nope-nope-nope" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("signs out: the same cookie no longer works, and the cookie is cleared", async () => {
    const session = await signIn(server.url, "luis@dgsd.gob.pe");
    expect((await call(server.url, "/api/admin/surveys/dnc-tim/coverage", { cookie: session })).status).toBe(200);
    const out = await call(server.url, "/api/auth/logout", { method: "POST", cookie: session });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/sondeo_session=;/);
    expect((await call(server.url, "/api/admin/surveys/dnc-tim/coverage", { cookie: session })).status).toBe(401);
    const page = await call(server.url, "/admin", { cookie: session });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe("/admin/login?next=%2Fadmin");
  });

  it("expires sessions at expires_at", async () => {
    const session = await signIn(server.url, "luis@dgsd.gob.pe");
    expect((await call(server.url, "/api/admin/surveys/dnc-tim/coverage", { cookie: session })).status).toBe(200);
    const db = await openTestDb(server.db);
    try {
      const expiresAt = new Date(Date.now() - 1000).toISOString();
      await transaction(db, (tx) =>
        run(
          tx,
          sql`update sessions set expires_at = ${expiresAt} where revoked_at is null and user_id = (select id from users where email = ${"luis@dgsd.gob.pe"})`,
        ),
      );
    } finally {
      await closeDb(db);
    }
    expect((await call(server.url, "/api/admin/surveys/dnc-tim/coverage", { cookie: session })).status).toBe(401);
    expect((await call(server.url, "/admin", { cookie: session })).status).toBe(307);
  });

  it("refuses a cross-site sign-in or sign-out (Origin check)", async () => {
    const res = await call(server.url, "/api/auth/login", {
      method: "POST",
      json: { email: "ana@dgsd.gob.pe", password: TEST_PASSWORD },
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
    const session = await signIn(server.url, "ana@dgsd.gob.pe");
    const out = await call(server.url, "/api/auth/logout", { method: "POST", cookie: session, headers: { origin: "https://evil.example" } });
    expect(out.status).toBe(403);
    expect((await call(server.url, "/api/admin/units", { cookie: session })).status).toBe(200);
    const same = await call(server.url, "/api/auth/logout", { method: "POST", cookie: session, headers: { origin: server.url } });
    expect(same.status).toBe(200);
  });
});

describe("throttling of failed sign-ins", () => {
  it("blocks an account after 5 failures in 15 min, even with the right password, with Retry-After and a message in the visitor's language; it survives a restart", async () => {
    await createUser(server.db, "rosa@dgsd.gob.pe", "analyst");
    for (let i = 0; i < 5; i++) {
      const res = await call(server.url, "/api/auth/login", {
        method: "POST",
        json: { email: "rosa@dgsd.gob.pe", password: `wrong-${i}-xxxxx` },
        headers: { "x-forwarded-for": `192.0.2.${i + 10}` },
      });
      expect(res.status).toBe(401);
    }
    const blocked = await call(server.url, "/api/auth/login", {
      method: "POST",
      json: { email: "rosa@dgsd.gob.pe", password: TEST_PASSWORD },
      headers: { "x-forwarded-for": "192.0.2.99", cookie: "NEXT_LOCALE=es" },
    });
    expect(blocked.status).toBe(429);
    const retry = Number(blocked.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    const body = await blocked.json();
    expect(body).toMatchObject({ error: "too_many_attempts", retryAfter: retry });
    expect(body.message).toMatch(/Demasiados intentos fallidos.*15 min/);
    const en = await call(server.url, "/api/auth/login", {
      method: "POST",
      json: { email: "rosa@dgsd.gob.pe", password: TEST_PASSWORD },
      headers: { "x-forwarded-for": "192.0.2.98", "accept-language": "en-GB,en;q=0.9" },
    });
    expect(en.status).toBe(429);
    expect((await en.json()).message).toMatch(/Too many failed attempts/);

    // A restart does not reset the count: failures live in SQLite.
    await server.stop();
    server = await startServer({ db: server.db });
    const afterRestart = await call(server.url, "/api/auth/login", {
      method: "POST",
      json: { email: "rosa@dgsd.gob.pe", password: TEST_PASSWORD },
      headers: { "x-forwarded-for": "192.0.2.97" },
    });
    expect(afterRestart.status).toBe(429);
    // Another account is not affected.
    expect((await call(server.url, "/api/auth/login", { method: "POST", json: { email: "ana@dgsd.gob.pe", password: TEST_PASSWORD } })).status).toBe(
      200,
    );
  });

  it("blocks an IP after 20 failures across many accounts, without locking those accounts elsewhere", async () => {
    const ip = { "x-forwarded-for": "203.0.113.50" };
    for (let i = 0; i < 20; i++) {
      const res = await call(server.url, "/api/auth/login", {
        method: "POST",
        json: { email: `guess${i}@dgsd.gob.pe`, password: "guess-guess-guess" },
        headers: ip,
      });
      expect(res.status).toBe(401);
    }
    const blocked = await call(server.url, "/api/auth/login", {
      method: "POST",
      json: { email: "ana@dgsd.gob.pe", password: TEST_PASSWORD },
      headers: ip,
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    const elsewhere = await call(server.url, "/api/auth/login", {
      method: "POST",
      json: { email: "ana@dgsd.gob.pe", password: TEST_PASSWORD },
      headers: { "x-forwarded-for": "203.0.113.51" },
    });
    expect(elsewhere.status).toBe(200);
  });

  it("forgives an account's earlier failures after a successful sign-in", async () => {
    await createUser(server.db, "eva@dgsd.gob.pe", "analyst");
    const attempt = (password: string) =>
      call(server.url, "/api/auth/login", {
        method: "POST",
        json: { email: "eva@dgsd.gob.pe", password },
        headers: { "x-forwarded-for": "192.0.2.200" },
      });
    for (let i = 0; i < 4; i++) expect((await attempt("wrong-wrong-wrong")).status).toBe(401);
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt("wrong-wrong-wrong")).status).toBe(401);
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
  });
});

describe("audit trail of sessions", () => {
  it("records sign-ins, failures (with the reason), throttled attempts and sign-outs, with the IP", async () => {
    const entries = await auditActions();
    const actions = new Set(entries.map((e) => e.action));
    expect(actions).toEqual(new Set(["auth.login", "auth.login_failed", "auth.login_throttled", "auth.logout"]));
    expect(entries).toContainEqual(expect.objectContaining({ action: "auth.login", actor: "ana@dgsd.gob.pe", ip: "198.51.100.1" }));
    expect(entries).toContainEqual(
      expect.objectContaining({ action: "auth.login_failed", actor: "nadie@dgsd.gob.pe", details: JSON.stringify({ reason: "unknown_account" }) }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ action: "auth.login_failed", actor: "ana@dgsd.gob.pe", details: JSON.stringify({ reason: "wrong_password" }) }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ action: "auth.logout", actor: "luis@dgsd.gob.pe" }));
    expect(entries).toContainEqual(expect.objectContaining({ action: "auth.login_throttled", actor: "rosa@dgsd.gob.pe" }));
    // Passwords never reach the log.
    expect(JSON.stringify(entries)).not.toContain(TEST_PASSWORD);
    expect(JSON.stringify(entries)).not.toContain("wrong-0");
  });
});
