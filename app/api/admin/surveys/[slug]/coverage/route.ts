// GET /api/admin/surveys/{slug}/coverage – responses started/completed/expected by unit, by
// institution, by region and per day, as JSON; ?format=csv (&sep=comma|semicolon) gives the unit
// table (audited).
// Counts only, never answers (analysts and admins). `demoResponses`: how many of the counted
// responses are synthetic (npm run demo).
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { countDemoResponses } from "@/db/queries/count-demo-responses";
import { listCompletionsByDay, listCoverageByGroup, listCoverageByUnit } from "@/db/queries/coverage";
import { COVERAGE_CSV_HEADER, coverageCsvRows } from "@/lib/coverage/coverage-csv";
import { csvFromRecords } from "@/lib/export/csv-format";
import { exportFileName, parseSeparator } from "@/lib/export/export-query";
import { isUnitRow, responseRate, sortCoverage, totalCoverage } from "@/lib/coverage/coverage";
import { badRequest, notFound } from "@/lib/http/app-error";
import { csvResponse } from "@/lib/http/csv-response";
import { handle, json } from "@/lib/http/json-response";
import { clientIp } from "@/lib/http/rate-limit";
import { getSurvey } from "@/surveys/registry";

export const dynamic = "force-dynamic";

export const GET = handle("GET /api/admin/surveys/[slug]/coverage", async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const user = await requireApiUser("analyst");
  const { slug } = await ctx.params;
  if (!getSurvey(slug)) throw notFound("survey_not_found", `There is no survey "${slug}".`);
  const db = getDb();
  const units = sortCoverage(listCoverageByUnit(db, slug), "code", "asc");
  const params = new URL(req.url).searchParams;
  if (params.get("format") === "csv") {
    const sep = parseSeparator(params);
    if (!sep) throw badRequest("invalid_query", "sep: must be comma or semicolon");
    recordAudit(db, { user, action: "export.coverage_csv", target: slug, ip: clientIp(req) });
    return csvResponse(csvFromRecords(coverageCsvRows(units, "Sin unidad"), sep, COVERAGE_CSV_HEADER), exportFileName(slug, "cobertura"));
  }
  return json({
    survey: slug,
    total: totalCoverage(units, isUnitRow),
    units: units.map((u) => ({ ...u, rate: responseRate(u) })),
    byInstitution: listCoverageByGroup(db, slug, "institution"),
    byRegion: listCoverageByGroup(db, slug, "region"),
    byDay: listCompletionsByDay(db, slug),
    demoResponses: countDemoResponses(db, slug),
  });
});
