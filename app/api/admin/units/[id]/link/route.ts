// POST /api/admin/units/{id}/link – give the unit a new link code; the old link and QR stop working (admins).
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { getUnitById, regenerateUnitLink } from "@/db/queries/units";
import { notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { parseIdParam } from "@/lib/http/route-params";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";

export const dynamic = "force-dynamic";

export const POST = handle("POST /api/admin/units/[id]/link", async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(req);
  const user = await requireApiUser("admin");
  const id = parseIdParam((await ctx.params).id, "unit");
  const db = await getDb();
  if (!(await getUnitById(db, id))) throw notFound("unit_not_found", `There is no unit with id ${id}.`);
  const unit = await regenerateUnitLink(db, id);
  await recordAudit(db, { user, action: "unit.link_regenerated", target: unit.code, details: { id }, ip: clientIp(req) });
  return json({ unit });
});
