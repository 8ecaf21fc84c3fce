// Coordinator accounts and signed-in HTTP calls for integration tests against startServer().
import { closeDb, openDb, type Db } from "@/db/client";
import { insertUser } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";

export const TEST_PASSWORD = "clave-de-prueba-2026";

/** Opens the server's SQLite file from the test process (WAL: both can use it at once). */
/** Opens a test server's database (`server.db`: a SQLite file or a postgres:// URL). */
export function openTestDb(database: string): Promise<Db> {
  return openDb(database, { seedSample: false });
}

export async function createUser(database: string, email: string, role: "admin" | "analyst", password = TEST_PASSWORD) {
  const db = await openTestDb(database);
  try {
    return await insertUser(db, { email, role, name: email.split("@")[0], passwordHash: await hashPassword(password) });
  } finally {
    await closeDb(db);
  }
}

export interface CallOptions {
  method?: string;
  cookie?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

export async function call(baseUrl: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  let body = options.body;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  return fetch(`${baseUrl}${path}`, { method: options.method ?? "GET", headers, body, redirect: "manual" });
}

/** Signs in through the API and returns the "name=value" of the session cookie. */
export async function signIn(baseUrl: string, email: string, password = TEST_PASSWORD, headers: Record<string, string> = {}): Promise<string> {
  const res = await call(baseUrl, "/api/auth/login", { method: "POST", json: { email, password }, headers });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get("set-cookie") ?? "";
  const pair = setCookie.split(";")[0] ?? "";
  if (!pair.startsWith("sondeo_session=")) throw new Error(`no session cookie in ${setCookie}`);
  return pair;
}

export const ADMIN_EMAIL = "admin@dgsd.gob.pe";
export const ANALYST_EMAIL = "analista@dgsd.gob.pe";

/** The usual pair of coordinators, created and signed in: their session cookies. */
export async function signInAdminAndAnalyst(server: { url: string; db: string }): Promise<{ admin: string; analyst: string }> {
  await createUser(server.db, ADMIN_EMAIL, "admin");
  await createUser(server.db, ANALYST_EMAIL, "analyst");
  return { admin: await signIn(server.url, ADMIN_EMAIL), analyst: await signIn(server.url, ANALYST_EMAIL) };
}
