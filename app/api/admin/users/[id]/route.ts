// PATCH /api/admin/users/{id} – change name, role or active; deactivating signs the person out
// everywhere. The platform always keeps at least one active admin (admins).
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { revokeUserSessions } from "@/db/queries/sessions";
import { countOtherActiveAdmins, getUserById, updateUser } from "@/db/queries/users";
import { changedFields } from "@/lib/audit/changed-fields";
import { AppError, conflict, notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { parseIdParam } from "@/lib/http/route-params";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";
import { fieldIssues, userChangesInput } from "@/lib/users/user-input";

export const dynamic = "force-dynamic";

export const PATCH = handle("PATCH /api/admin/users/[id]", async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(req);
  const actor = await requireApiUser("admin");
  const id = parseIdParam((await ctx.params).id, "user");
  const db = await getDb();
  const before = await getUserById(db, id);
  if (!before) throw notFound("user_not_found", `There is no account with id ${id}.`);
  const parsed = userChangesInput.safeParse(await readJsonBody(req, 8 * 1024));
  if (!parsed.success) {
    throw new AppError(422, "invalid_user", "Some fields are not valid.", { issues: fieldIssues(parsed.error) });
  }
  const changes = parsed.data;
  if (id === actor.id && changes.active === false) {
    throw conflict("cannot_deactivate_self", "You cannot deactivate your own account.");
  }
  const staysAdmin = (changes.role ?? before.role) === "admin" && (changes.active ?? before.active);
  if (before.role === "admin" && before.active && !staysAdmin && (await countOtherActiveAdmins(db, id)) === 0) {
    throw conflict("last_admin", "This is the last active admin; make someone else admin first.");
  }
  const diff = changedFields(before, changes, ["name", "role", "active"]);
  if (Object.keys(diff).length === 0) {
    const { passwordHash: _omit, ...user } = before;
    return json({ user });
  }
  const updated = await updateUser(db, id, changes);
  if (changes.active === false) await revokeUserSessions(db, id);
  await recordAudit(db, { user: actor, action: "user.update", target: before.email, details: { id, changes: diff }, ip: clientIp(req) });
  const { passwordHash: _omit, ...user } = updated;
  return json({ user });
});
