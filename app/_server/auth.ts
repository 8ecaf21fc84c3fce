// Request-scoped authentication for pages, server actions and route handlers. Every protected
// page and route calls one of these itself (the proxy is never the only check).
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { findSessionUser, type SessionUser } from "@/db/queries/sessions";
import { AppError } from "@/lib/http/app-error";
import { hashSessionToken, SESSION_COOKIE } from "@/lib/auth/session-token";

export type { SessionUser };
export type Role = SessionUser["role"];

/** admin may do everything an analyst may. */
function allowed(user: SessionUser, role: Role | undefined): boolean {
  return !role || role === "analyst" || user.role === "admin";
}

/** SHA-256 of the session cookie of this request, if there is one. */
export async function currentSessionTokenHash(): Promise<string | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? hashSessionToken(token) : null;
}

export async function currentUser(): Promise<SessionUser | null> {
  const tokenHash = await currentSessionTokenHash();
  if (!tokenHash) return null;
  return (await findSessionUser(await getDb(), tokenHash)) ?? null;
}

/** For pages: the signed-in user with `role`, else a redirect to sign-in (or a 403 page). */
export async function requireUser(role?: Role, returnTo = "/admin"): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/admin/login?next=${encodeURIComponent(returnTo)}`);
  if (!allowed(user, role)) redirect("/admin/forbidden");
  return user;
}

/** For route handlers: the signed-in user with `role`, else 401 / 403 as JSON. */
export async function requireApiUser(role?: Role): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError(401, "unauthenticated", "Sign in first.");
  if (!allowed(user, role)) throw new AppError(403, "forbidden", "Your role does not allow this.");
  return user;
}
