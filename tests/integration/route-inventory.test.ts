// Every page and every exported method of every route handler under app/ is classified below as
// public, analyst (any signed-in coordinator) or admin; a route added later fails here until it
// is classified. Then, on one server: nobody who is not signed in (no cookie, an unknown token,
// an expired or a revoked session) gets in — pages redirect to /admin/login, route handlers answer
// 401; an analyst gets 403 (pages: /admin/forbidden) from everything admin-only and in from the
// rest; and every state-changing request from a foreign Origin is refused with 403 even with a
// valid admin session, while the same request from the site itself goes through.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { get, run, transaction } from "@/db/dialect";
import { hashSessionToken } from "@/lib/auth/session-token";
import { call, createUser, openTestDb, signIn, signInAdminAndAnalyst, TEST_PASSWORD } from "../support/coordinators";
import { loadDncTim } from "../support/dnc-tim";
import { startServer, type TestServer } from "../support/server";

const APP = path.resolve(__dirname, "../../app");

type Access = "public" | "analyst" | "admin";

/** Who may use each page and route handler method. Keep in step with docs/coordinators.md › Roles. */
const ACCESS: Record<string, Access> = {
  // Respondents, the landing page, health, and the way in.
  "page /": "public",
  "route GET /s/[slug]": "public",
  "route GET /s/[slug]/gracias": "public",
  // The fill page's service worker, and its assets Brotli-compressed (reached through a rewrite of /assets/).
  "route GET /s/sw.js": "public",
  "route GET /assets-br/[file]": "public",
  "page /admin/login": "public",
  "page /admin/forbidden": "public",
  "route GET /api/health": "public",
  "route GET /api/responses/[id]": "public",
  "route PUT /api/responses/[id]": "public",
  "route GET /api/resume/[code]": "public",
  "route POST /api/auth/login": "public",
  "route POST /api/auth/logout": "public",
  // Dashboards and aggregates: analysts and admins.
  "page /admin": "analyst",
  "page /admin/surveys/[slug]/coverage": "analyst",
  "page /admin/surveys/[slug]/needs": "analyst",
  "page /admin/surveys/[slug]/needs/open": "analyst",
  "page /admin/surveys/[slug]/needs/report": "analyst",
  "page /admin/surveys/[slug]/summary": "analyst",
  "page /admin/surveys/[slug]/plan": "analyst",
  "page /admin/surveys/[slug]/plan/print": "analyst",
  "route GET /api/surveys/[slug]/plan": "analyst",
  "route GET /api/surveys/[slug]/export/plan.csv": "analyst",
  "route GET /api/surveys/[slug]/export/plan.docx": "analyst",
  "route GET /api/admin/surveys/[slug]/coverage": "analyst",
  "page /admin/surveys/[slug]/rounds": "analyst",
  "route GET /api/admin/surveys/[slug]/rounds": "analyst",
  "page /admin/surveys/[slug]/compare": "analyst",
  "route GET /api/surveys/[slug]/needs/compare": "analyst",
  "route GET /api/surveys/[slug]/export/compare.csv": "analyst",
  "route GET /api/surveys/[slug]/needs": "analyst",
  "route GET /api/surveys/[slug]/summary": "analyst",
  "route GET /api/surveys/[slug]/export/codebook.csv": "analyst",
  "route GET /api/surveys/[slug]/export/needs.csv": "analyst",
  // Management, row-level data and the audit log: admins only.
  "page /admin/audit": "admin",
  "page /admin/units": "admin",
  "page /admin/units/[id]": "admin",
  "page /admin/users": "admin",
  "page /admin/users/[id]": "admin",
  "page /admin/surveys": "admin",
  "page /admin/surveys/[slug]/versions": "admin",
  "page /admin/surveys/[slug]/versions/[version]/preview": "admin",
  "route POST /api/admin/surveys": "admin",
  "route DELETE /api/admin/surveys/[slug]": "admin",
  "route GET /api/admin/surveys/[slug]/versions": "admin",
  "route POST /api/admin/surveys/[slug]/versions/[version]/publish": "admin",
  "route GET /api/admin/units": "admin",
  "route POST /api/admin/units": "admin",
  "route PATCH /api/admin/units/[id]": "admin",
  "route POST /api/admin/units/[id]/link": "admin",
  "route POST /api/admin/units/import": "admin",
  "route GET /api/admin/users": "admin",
  "route POST /api/admin/users": "admin",
  "route PATCH /api/admin/users/[id]": "admin",
  "route POST /api/admin/users/[id]/password": "admin",
  "route POST /api/admin/surveys/[slug]/status": "admin",
  "route POST /api/admin/surveys/[slug]/rounds": "admin",
  "route PATCH /api/admin/surveys/[slug]/rounds/[round]": "admin",
  "route GET /api/surveys/[slug]/export/responses.csv": "admin",
  // Saving the training plan (a new version): admins; analysts read it.
  "route PUT /api/surveys/[slug]/plan": "admin",
  "page /admin/surveys/[slug]/responses": "admin",
};

/**
 * A valid request for each state-changing method: with the right session and Origin it succeeds,
 * so a refusal elsewhere in this test can only come from the check being tested.
 */
interface Sample {
  params?: () => Record<string, string>;
  json?: unknown;
  csv?: string;
  /** A session of its own (sign-out revokes the one it is sent with). */
  ownSession?: boolean;
}
const SAMPLES: Record<string, Sample> = {
  "POST /api/admin/units": { json: { code: "ORIGEN-1", name: "Unidad de prueba", institution: "Comisión regional", region: "PE-TUM", expected: 3 } },
  "PATCH /api/admin/units/[id]": { json: { expected: 9 } },
  "POST /api/admin/units/[id]/link": {},
  "POST /api/admin/units/import": { csv: "code,name,institution,region,expected\nIMPORT-1,Importada,Comisión regional,PE-TUM,2\n" },
  "POST /api/admin/users": { json: { email: "nueva@dgsd.gob.pe", name: "Nueva", role: "analyst", password: "una-clave-larga" } },
  "PATCH /api/admin/users/[id]": { params: () => ({ id: String(targetUserId) }), json: { name: "Otro nombre" } },
  "POST /api/admin/users/[id]/password": { params: () => ({ id: String(targetUserId) }), json: { password: "otra-clave-larga" } },
  "POST /api/admin/surveys/[slug]/status": { json: { status: "open" } },
  // A follow-up round opening today; renaming the first round.
  "POST /api/admin/surveys/[slug]/rounds": { json: { name: "Ronda de prueba" } },
  "PATCH /api/admin/surveys/[slug]/rounds/[round]": { params: () => ({ round: "1" }), json: { name: "Línea base" } },
  "POST /api/admin/surveys": {
    json: { slug: "origen-prueba", title: "Encuesta de prueba", pages: [{ name: "p1", elements: [{ type: "comment", name: "opinion" }] }] },
  },
  // Publishing the version already published: a valid request that changes nothing.
  "POST /api/admin/surveys/[slug]/versions/[version]/publish": {},
  // A draft-only survey made in beforeAll, which nobody has answered.
  "DELETE /api/admin/surveys/[slug]": { params: () => ({ slug: "para-borrar" }) },
  "POST /api/auth/login": { json: { email: "admin@dgsd.gob.pe", password: TEST_PASSWORD } },
  "POST /api/auth/logout": { ownSession: true },
  // The draft as proposed (no responses: no modules), saved as a version.
  "PUT /api/surveys/[slug]/plan": { json: { edits: { modules: [], notes: "Plan de prueba" }, filters: {} } },
};

/**
 * State-changing but without an Origin check, and why that is safe. A respondent's save carries no
 * cookie or session a forged request could borrow, and browsers send a cross-site PUT only after a
 * CORS preflight, which this server never grants (asserted below).
 */
const NO_ORIGIN_CHECK = new Set(["route PUT /api/responses/[id]"]);

const DUMMY: Record<string, string> = { slug: "dnc-tim", id: "1", code: "ABCD2345EFGH", version: loadDncTim().version };
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const EVIL = "https://evil.example";

interface Entry {
  kind: "page" | "route";
  method: string;
  pattern: string;
  file: string;
}

/** URL pattern of a file's folder: route groups "(x)" vanish, "_private" folders are not routes. */
function patternOf(dir: string): string | null {
  const segments = path.relative(APP, dir).split(path.sep).filter(Boolean);
  if (segments.some((s) => s.startsWith("_") || s.startsWith("@"))) return null;
  const kept = segments.filter((s) => !(s.startsWith("(") && s.endsWith(")")));
  return `/${kept.join("/")}`;
}

function inventory(): Entry[] {
  const out: Entry[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const pattern = patternOf(dir);
      if (pattern === null) continue;
      if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) {
        out.push({ kind: "page", method: "GET", pattern, file: full });
      } else if (/^route\.(ts|js)$/.test(entry.name)) {
        const source = fs.readFileSync(full, "utf8");
        const exported = METHODS.filter((m) =>
          new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b|export\\s*\\{[^}]*\\b${m}\\b[^}]*\\}`).test(source),
        );
        if (exported.length === 0) throw new Error(`${full} exports no HTTP method this test knows`);
        for (const m of exported) out.push({ kind: "route", method: m, pattern, file: full });
      }
    }
  };
  walk(APP);
  return out;
}

const entries = inventory();
const key = (e: Entry) => (e.kind === "page" ? `page ${e.pattern}` : `route ${e.method} ${e.pattern}`);
const accessOf = (e: Entry): Access | undefined => ACCESS[key(e)];
const guarded = entries.filter((e) => accessOf(e) && accessOf(e) !== "public");
const adminOnly = guarded.filter((e) => accessOf(e) === "admin");
const forAnalysts = guarded.filter((e) => accessOf(e) === "analyst");
const stateChanging = entries.filter((e) => e.kind === "route" && STATE_CHANGING.has(e.method));
const named = (list: Entry[]) => list.map((e) => [key(e), e] as const);

let server: TestServer;
let admin: string;
let analyst: string;
let targetUserId: number;
/** Sessions that must count as signed out: an unknown token, an expired and a revoked session. */
const signedOut: Record<string, string> = { anonymous: "" };

function urlOf(e: Entry, params: Record<string, string> = {}): string {
  return e.pattern.replace(/\[\[?\.{0,3}([^\]]+)\]\]?/g, (_, name: string) => params[name] ?? DUMMY[name] ?? "x1");
}

/** Sends the entry's request (its sample body if it has one) with a session and an Origin. */
async function send(e: Entry, cookie: string, origin?: string): Promise<Response> {
  const sample = SAMPLES[`${e.method} ${e.pattern}`] ?? {};
  const headers: Record<string, string> = origin ? { origin } : {};
  if (sample.csv !== undefined) headers["content-type"] = "text/csv";
  const res = await call(server.url, urlOf(e, sample.params?.()), {
    method: e.method,
    cookie: cookie || undefined,
    headers,
    json: sample.json,
    body: sample.csv,
  });
  return res;
}

async function sessionOf(email: string, change: "expires_at" | "revoked_at"): Promise<string> {
  await createUser(server.db, email, "admin");
  const cookie = await signIn(server.url, email);
  const db = await openTestDb(server.db);
  try {
    const past = new Date(Date.now() - 60_000).toISOString();
    const tokenHash = hashSessionToken(cookie.slice("sondeo_session=".length));
    const changed = await transaction(db, (tx) =>
      run(tx, sql`update sessions set ${sql.identifier(change)} = ${past} where token_hash = ${tokenHash}`),
    );
    if (changed !== 1) throw new Error(`no session row for ${email}`);
  } finally {
    await closeDb(db);
  }
  return cookie;
}

beforeAll(async () => {
  server = await startServer();
  ({ admin, analyst } = await signInAdminAndAnalyst(server));
  targetUserId = (await createUser(server.db, "destino@dgsd.gob.pe", "analyst")).id;
  const draft = await call(server.url, "/api/admin/surveys", {
    method: "POST",
    cookie: admin,
    json: { slug: "para-borrar", title: "Borrador sin respuestas", pages: [{ name: "p1", elements: [{ type: "comment", name: "nota" }] }] },
  });
  expect(draft.status).toBe(201);
  // A second round, so that the comparison of rounds has two to compare.
  const round = await call(server.url, "/api/admin/surveys/dnc-tim/rounds", { method: "POST", cookie: admin, json: { name: "Seguimiento" } });
  expect(round.status).toBe(201);
  signedOut["unknown token"] = "sondeo_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  signedOut["expired session"] = await sessionOf("caducada@dgsd.gob.pe", "expires_at");
  signedOut["revoked session"] = await sessionOf("revocada@dgsd.gob.pe", "revoked_at");
});
afterAll(async () => {
  await server?.stop();
});

describe("route inventory", () => {
  it("classifies every page and route method, and nothing that does not exist", () => {
    const unclassified = entries.filter((e) => !accessOf(e)).map(key);
    expect(unclassified, "add these to ACCESS (public, analyst or admin)").toEqual([]);
    const keys = new Set(entries.map(key));
    const stale = Object.keys(ACCESS).filter((k) => !keys.has(k));
    expect(stale, "on the ACCESS list but not in app/").toEqual([]);
    expect(adminOnly.length).toBeGreaterThan(15);
    expect(forAnalysts.length).toBeGreaterThan(8);
  });

  it("has a valid sample request for every state-changing method", () => {
    const missing = stateChanging.filter((e) => !NO_ORIGIN_CHECK.has(key(e)) && !SAMPLES[`${e.method} ${e.pattern}`]).map(key);
    expect(missing, "add these to SAMPLES").toEqual([]);
  });
});

describe("without a valid session", () => {
  it.each(named(guarded.filter((e) => e.kind === "page")))("%s redirects to sign-in (no cookie, unknown, expired, revoked)", async (_k, e) => {
    for (const [state, cookie] of Object.entries(signedOut)) {
      const res = await call(server.url, urlOf(e), { cookie: cookie || undefined });
      expect(res.status, `${state}: ${e.file}`).toBe(307);
      const location = res.headers.get("location") ?? "";
      expect(location.startsWith("/admin/login?next="), `${state}: → ${location}`).toBe(true);
      expect(decodeURIComponent(location.slice("/admin/login?next=".length))).toBe(urlOf(e));
    }
  });

  it.each(named(guarded.filter((e) => e.kind === "route")))("%s answers 401 (no cookie, unknown, expired, revoked)", async (_k, e) => {
    for (const [state, cookie] of Object.entries(signedOut)) {
      const res = await send(e, cookie);
      expect(res.status, `${state}: ${e.file}`).toBe(401);
      expect(await res.json()).toMatchObject({ error: "unauthenticated" });
    }
  });
});

describe("an analyst", () => {
  it.each(named(adminOnly))("is refused %s", async (_k, e) => {
    const res = await send(e, analyst);
    if (e.kind === "page") {
      expect(res.status, e.file).toBe(307);
      expect(res.headers.get("location")).toBe("/admin/forbidden");
    } else {
      expect(res.status, e.file).toBe(403);
      expect(await res.json()).toMatchObject({ error: "forbidden" });
    }
  });

  it.each(named(forAnalysts))("gets %s", async (_k, e) => {
    const res = await send(e, analyst);
    expect(res.status, e.file).toBe(200);
    await res.arrayBuffer();
  });
});

describe("an admin", () => {
  it.each(named(guarded.filter((e) => e.method === "GET")))("gets %s", async (_k, e) => {
    const res = await send(e, admin);
    expect(res.status, e.file).toBe(200);
    await res.arrayBuffer();
  });
});

describe("state-changing requests from another site", () => {
  it.each(named(stateChanging.filter((e) => !NO_ORIGIN_CHECK.has(key(e)))))(
    "%s: 403 from a foreign Origin with an admin session; the same request from this site goes through",
    async (_k, e) => {
      const sample = SAMPLES[`${e.method} ${e.pattern}`]!;
      const cookie = sample.ownSession ? await signIn(server.url, "admin@dgsd.gob.pe") : admin;
      for (const origin of [EVIL, "null", `http://evil.example:${server.port}`]) {
        const foreign = await send(e, cookie, origin);
        expect(foreign.status, `${origin}: ${e.file}`).toBe(403);
        expect(await foreign.json()).toMatchObject({ error: "bad_origin" });
      }
      const same = await send(e, cookie, server.url);
      expect(same.status, `${await same.clone().text()}`).toBeGreaterThanOrEqual(200);
      expect(same.status).toBeLessThan(300);
    },
  );

  it("never grants a cross-site preflight, so browsers cannot send the respondents' PUT from elsewhere", async () => {
    for (const k of NO_ORIGIN_CHECK) expect(stateChanging.map(key), k).toContain(k);
    const url = `${server.url}/api/responses/0f0e0d0c-0b0a-4999-8888-777766665555`;
    const preflight = await fetch(url, {
      method: "OPTIONS",
      headers: { origin: EVIL, "access-control-request-method": "PUT", "access-control-request-headers": "content-type" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(preflight.headers.get("access-control-allow-methods")).toBeNull();
    const get = await fetch(url, { headers: { origin: EVIL } });
    expect(get.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("changed nothing through the refused requests (the unit and account made by the same-origin ones exist once)", async () => {
    const db = await openTestDb(server.db);
    try {
      const count = async (query: string) => (await get<{ n: number }>(db, sql.raw(query)))!.n;
      expect(await count("select cast(count(*) as integer) n from units where code in ('ORIGEN-1', 'IMPORT-1')")).toBe(2);
      expect(await count("select cast(count(*) as integer) n from users where email = 'nueva@dgsd.gob.pe'")).toBe(1);
      expect(await count("select cast(count(*) as integer) n from audit_log where action = 'unit.link_regenerated'")).toBe(1);
      expect(await count("select cast(count(*) as integer) n from audit_log where action = 'user.password_reset'")).toBe(1);
      expect(await count("select cast(count(*) as integer) n from survey_versions where slug = 'origen-prueba'")).toBe(1);
      expect(await count("select cast(count(*) as integer) n from surveys where slug = 'para-borrar'")).toBe(0);
      expect(await count("select cast(count(*) as integer) n from audit_log where action = 'survey.publish'")).toBe(0);
      expect(await count("select cast(count(*) as integer) n from training_plan_versions where survey_slug = 'dnc-tim'")).toBe(1);
    } finally {
      await closeDb(db);
    }
  });
});
