// POST /api/auth/logout – revoke the current session and clear its cookie.
import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { findSessionUser, revokeSession } from "@/db/queries/sessions";
import { hashSessionToken, SESSION_COOKIE } from "@/lib/auth/session-token";
import { handle, json } from "@/lib/http/json-response";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";

export const dynamic = "force-dynamic";

export const POST = handle("POST /api/auth/logout", async (req: Request) => {
  assertSameOrigin(req);
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) {
    const db = await getDb();
    const tokenHash = hashSessionToken(token);
    const user = await findSessionUser(db, tokenHash);
    await revokeSession(db, tokenHash);
    if (user) await recordAudit(db, { user, action: "auth.logout", ip: clientIp(req) });
  }
  jar.delete(SESSION_COOKIE);
  return json({ ok: true });
});
