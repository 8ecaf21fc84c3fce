// POST /api/admin/units/import – import the distribution list from a CSV body (text/csv, UTF-8).
// Any bad line → 422 with a report by line and column, and nothing is imported (admins).
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { importUnits } from "@/db/queries/units";
import { AppError } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { readBodyBytes } from "@/lib/http/read-body-bytes";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";
import { MAX_CSV_BYTES, parseUnitsCsv } from "@/lib/units/parse-units-csv";

export const dynamic = "force-dynamic";

export const POST = handle("POST /api/admin/units/import", async (req: Request) => {
  assertSameOrigin(req);
  const user = await requireApiUser("admin");
  const type = req.headers.get("content-type") ?? "";
  if (!/^(text\/csv|text\/plain|application\/octet-stream)\b/i.test(type)) {
    throw new AppError(415, "unsupported_media_type", "Send the CSV file itself as the body (Content-Type: text/csv).");
  }
  const parsed = parseUnitsCsv(await readBodyBytes(req, MAX_CSV_BYTES));
  if (!parsed.ok) {
    throw new AppError(422, "invalid_csv", "The file has errors; nothing was imported.", { errors: parsed.errors });
  }
  const db = await getDb();
  const result = await importUnits(db, parsed.units);
  await recordAudit(db, {
    user,
    action: "unit.import",
    target: `${parsed.units.length} units`,
    details: { created: result.created, updated: result.updated },
    ip: clientIp(req),
  });
  return json(result);
});
