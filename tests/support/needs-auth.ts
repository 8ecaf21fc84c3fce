// Test sign-in for the needs dashboard: an analyst account written straight into the server's
// SQLite file, then a real POST /api/auth/login for the session cookie.
import { createUser, signIn } from "./coordinators";

export const ANALYST = { email: "analista@example.org", password: "clave-de-prueba-123" };

export async function createAnalyst(database: string, account = ANALYST, role: "analyst" | "admin" = "analyst"): Promise<void> {
  await createUser(database, account.email, role, account.password);
}

/** Signs in through the API; returns the Cookie header value for later requests. */
export function loginCookie(baseUrl: string, account = ANALYST): Promise<string> {
  return signIn(baseUrl, account.email, account.password);
}
