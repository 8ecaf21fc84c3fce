// POST /api/admin/users/{id}/password – set a new password {password}; the account's other
// sessions are signed out (admins).
import { z } from "zod";
import { currentSessionTokenHash, requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { revokeUserSessions } from "@/db/queries/sessions";
import { getUserById, setUserPassword } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { AppError, notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { parseIdParam } from "@/lib/http/route-params";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";
import { fieldIssues, passwordInput } from "@/lib/users/user-input";

export const dynamic = "force-dynamic";

const body = z.object({ password: passwordInput }).strict();

export const POST = handle("POST /api/admin/users/[id]/password", async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(req);
  const actor = await requireApiUser("admin");
  const id = parseIdParam((await ctx.params).id, "user");
  const db = await getDb();
  const target = await getUserById(db, id);
  if (!target) throw notFound("user_not_found", `There is no account with id ${id}.`);
  const parsed = body.safeParse(await readJsonBody(req, 8 * 1024));
  if (!parsed.success) {
    throw new AppError(422, "invalid_password", "The password is not valid.", { issues: fieldIssues(parsed.error) });
  }
  await setUserPassword(db, id, await hashPassword(parsed.data.password));
  const keep = id === actor.id ? ((await currentSessionTokenHash()) ?? undefined) : undefined;
  await revokeUserSessions(db, id, keep);
  await recordAudit(db, { user: actor, action: "user.password_reset", target: target.email, details: { id }, ip: clientIp(req) });
  return json({ ok: true });
});
