// POST /api/auth/login – sign in with JSON {email, password}; sets the session cookie.
// Failed attempts are throttled per account and per IP (429 + Retry-After) and audited.
import { cookies } from "next/headers";
import { createTranslator } from "next-intl";
import { z } from "zod";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { clearAccountLoginFailures, insertLoginFailure, recentLoginFailures } from "@/db/queries/login-failures";
import { insertSession } from "@/db/queries/sessions";
import { findUserByEmail, normalizeEmail } from "@/db/queries/users";
import { localeOfRequest } from "@/i18n/locales";
import { messagesFor } from "@/i18n/messages";
import { decideLoginThrottle, LOGIN_THROTTLE } from "@/lib/auth/login-throttle";
import { DUMMY_HASH, verifyPassword } from "@/lib/auth/password";
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from "@/lib/auth/session-token";
import { AppError, badRequest } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";
import { isHttpsRequest } from "@/lib/http/forwarded";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

const credentials = z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(1024) });

/** Secure cookies whenever the site is served over TLS (directly or behind a proxy). */
function isHttps(req: Request): boolean {
  return isHttpsRequest(req.url, req.headers) || Boolean(env().SONDEO_PUBLIC_URL?.startsWith("https:"));
}

export const POST = handle("POST /api/auth/login", async (req: Request) => {
  assertSameOrigin(req);
  const locale = localeOfRequest(req);
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.login.errors" });
  const parsed = credentials.safeParse(await readJsonBody(req, 8 * 1024));
  if (!parsed.success) throw badRequest("invalid_payload", t("invalid_payload"));
  const db = await getDb();
  const email = normalizeEmail(parsed.data.email);
  const ip = clientIp(req);
  const now = Date.now();
  const recent = await recentLoginFailures(db, email, ip, new Date(now - LOGIN_THROTTLE.windowMs).toISOString());
  const throttle = decideLoginThrottle({ accountFailures: recent.account, ipFailures: recent.ip, now });
  if (throttle.blocked) {
    await recordAudit(db, { user: null, actor: email, action: "auth.login_throttled", target: email, details: { scope: throttle.scope }, ip });
    const seconds = throttle.retryAfterSeconds;
    throw new AppError(
      429,
      "too_many_attempts",
      t("too_many_attempts", { minutes: Math.ceil(seconds / 60) }),
      { retryAfter: seconds },
      { "retry-after": String(seconds) },
    );
  }
  // Counted before the slow password check, in the same synchronous step as the check above,
  // so parallel guesses cannot slip past the limit; a correct password withdraws it below.
  await insertLoginFailure(db, email, ip, new Date(now));
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.active) {
    const reason = !user ? "unknown_account" : !ok ? "wrong_password" : "inactive_account";
    await recordAudit(db, { user: null, actor: email, action: "auth.login_failed", target: email, details: { reason }, ip });
    throw new AppError(401, "invalid_credentials", t("invalid_credentials"));
  }
  await clearAccountLoginFailures(db, email);
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await insertSession(db, {
    tokenHash: hashSessionToken(token),
    userId: user.id,
    expiresAt: expiresAt.toISOString(),
    ip,
    userAgent: req.headers.get("user-agent")?.slice(0, 300) ?? undefined,
  });
  await recordAudit(db, { user, action: "auth.login", ip });
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(req),
    path: "/",
    expires: expiresAt,
  });
  return json({ user: { id: user.id, email: user.email, name: user.name, role: user.role } });
});
