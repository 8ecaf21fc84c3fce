// Test sign-in for the needs dashboard: an analyst account written straight into the server's
// SQLite file, then a real POST /api/auth/login for the session cookie.
import { openDb } from "@/db/client";
import { insertUser } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { SESSION_COOKIE } from "@/lib/auth/session-token";

export const ANALYST = { email: "analista@example.org", password: "clave-de-prueba-123" };

export async function createAnalyst(dbFile: string, account = ANALYST, role: "analyst" | "admin" = "analyst"): Promise<void> {
  const db = openDb(dbFile);
  try {
    insertUser(db, { email: account.email, name: "Analista", passwordHash: await hashPassword(account.password), role });
  } finally {
    db.$client.close();
  }
}

/** Signs in through the API; returns the Cookie header value for later requests. */
export async function loginCookie(baseUrl: string, account = ANALYST): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(account),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error("login set no session cookie");
  return cookie.split(";")[0] as string;
}
