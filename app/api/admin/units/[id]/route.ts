// PATCH /api/admin/units/{id} – edit a unit, or (de)activate it with {active} (admins).
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { getUnitById, updateUnit } from "@/db/queries/units";
import { changedFields } from "@/lib/audit/changed-fields";
import { AppError, notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { parseIdParam } from "@/lib/http/route-params";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";
import { UNIT_COLUMNS, validateUnitFields, type UnitColumn } from "@/lib/units/unit-fields";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const PATCH = handle("PATCH /api/admin/units/[id]", async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const user = await requireApiUser("admin");
  const id = parseIdParam((await ctx.params).id, "unit");
  const db = await getDb();
  const before = await getUnitById(db, id);
  if (!before) throw notFound("unit_not_found", `There is no unit with id ${id}.`);
  const body = await readJsonBody(req, 16 * 1024);
  const changes: Partial<Record<UnitColumn, unknown>> = {};
  if (body && typeof body === "object") {
    for (const col of UNIT_COLUMNS) if (col in body) changes[col] = (body as Record<string, unknown>)[col];
  }
  // Validate the unit as it will be, so a partial edit cannot leave it inconsistent.
  const result = validateUnitFields({ ...before, ...changes });
  if (!result.ok) throw new AppError(422, "invalid_unit", "Some fields are not valid.", { errors: result.errors });
  const diff = changedFields(before, result.value, UNIT_COLUMNS);
  if (Object.keys(diff).length === 0) return json({ unit: before });
  const unit = await updateUnit(db, id, result.value);
  await recordAudit(db, { user, action: "unit.update", target: result.value.code, details: { id, changes: diff }, ip: clientIp(req) });
  return json({ unit });
});
