// GET /api/admin/users – coordinator accounts (admins).
// POST /api/admin/users – add an account {email, name, role, password} (admins).
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { insertUser, listUsers } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";
import { fieldIssues, newUserInput } from "@/lib/users/user-input";

export const dynamic = "force-dynamic";

export const GET = handle("GET /api/admin/users", async () => {
  await requireApiUser("admin");
  return json({ users: await listUsers(await getDb()) });
});

export const POST = handle("POST /api/admin/users", async (req: Request) => {
  assertSameOrigin(req);
  const actor = await requireApiUser("admin");
  const parsed = newUserInput.safeParse(await readJsonBody(req, 8 * 1024));
  if (!parsed.success) {
    throw new AppError(422, "invalid_user", "Some fields are not valid.", { issues: fieldIssues(parsed.error) });
  }
  const { password, ...rest } = parsed.data;
  const db = await getDb();
  const created = await insertUser(db, { ...rest, passwordHash: await hashPassword(password) });
  await recordAudit(db, {
    user: actor,
    action: "user.create",
    target: created.email,
    details: { id: created.id, role: created.role, name: created.name },
    ip: clientIp(req),
  });
  const { passwordHash: _omit, ...user } = created;
  return json({ user }, 201);
});
