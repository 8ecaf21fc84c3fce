// GET /api/admin/units – the distribution list with link codes (admins).
// POST /api/admin/units – add a unit {code, name, institution, region, expected, active} (admins).
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { insertUnit, listUnits } from "@/db/queries/units";
import { AppError } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";
import { validateUnitFields, type UnitColumn } from "@/lib/units/unit-fields";

export const dynamic = "force-dynamic";

export const GET = handle("GET /api/admin/units", async () => {
  await requireApiUser("admin");
  return json({ units: await listUnits(await getDb()) });
});

export const POST = handle("POST /api/admin/units", async (req: Request) => {
  assertSameOrigin(req);
  const user = await requireApiUser("admin");
  const body = await readJsonBody(req, 16 * 1024);
  const result = validateUnitFields((body && typeof body === "object" ? body : {}) as Partial<Record<UnitColumn, unknown>>);
  if (!result.ok) {
    throw new AppError(422, "invalid_unit", "Some fields are not valid.", { errors: result.errors });
  }
  const db = await getDb();
  const unit = await insertUnit(db, result.value);
  await recordAudit(db, { user, action: "unit.create", target: unit.code, details: { id: unit.id, ...result.value }, ip: clientIp(req) });
  return json({ unit }, 201);
});
