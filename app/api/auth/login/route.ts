// POST /api/auth/login – sign in with JSON {email, password}; sets the session cookie.
import { cookies } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { insertSession } from "@/db/queries/sessions";
import { findUserByEmail } from "@/db/queries/users";
import { DUMMY_HASH, verifyPassword } from "@/lib/auth/password";
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from "@/lib/auth/session-token";
import { AppError, badRequest } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

const credentials = z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(1024) });

/** Secure cookies whenever the site is served over TLS (directly or behind a proxy). */
function isHttps(req: Request): boolean {
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return proto === "https" || new URL(req.url).protocol === "https:" || Boolean(process.env.SONDEO_PUBLIC_URL?.startsWith("https:"));
}

export const POST = handle("POST /api/auth/login", async (req: Request) => {
  assertSameOrigin(req);
  const parsed = credentials.safeParse(await readJsonBody(req, 8 * 1024));
  if (!parsed.success) throw badRequest("invalid_payload", "Send {\"email\", \"password\"}.");
  const db = getDb();
  const user = findUserByEmail(db, parsed.data.email);
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.active) {
    throw new AppError(401, "invalid_credentials", "Wrong email or password.");
  }
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  insertSession(db, {
    tokenHash: hashSessionToken(token),
    userId: user.id,
    expiresAt: expiresAt.toISOString(),
    ip: clientIp(req),
    userAgent: req.headers.get("user-agent")?.slice(0, 300) ?? undefined,
  });
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(req),
    path: "/",
    expires: expiresAt,
  });
  return json({ user: { id: user.id, email: user.email, name: user.name, role: user.role } });
});
