// GET /api/admin/surveys/{slug}/coverage – responses started/completed/expected by unit, by
// institution, by region and per day, as JSON; ?format=csv (&sep=comma|semicolon) gives the unit
// table (audited). ?round=N: that round of the survey (default: the latest that has opened).
// Counts only, never answers (analysts and admins). `demoResponses`: how many of the counted
// responses are synthetic (npm run demo).
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { countDemoResponses } from "@/db/queries/count-demo-responses";
import { listCompletionsByDay, listCoverageByGroup, listCoverageByUnit } from "@/db/queries/coverage";
import { COVERAGE_CSV_HEADER, coverageCsvRows } from "@/lib/coverage/coverage-csv";
import { csvFromRecords } from "@/lib/export/csv-format";
import { ROUND_KEY } from "@/lib/needs/filters";
import { exportFileName, parseSeparator, roundExportName } from "@/lib/export/export-query";
import { listRounds, resolveRound } from "@/db/queries/survey-rounds";
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
  if (!(await getSurvey(slug))) throw notFound("survey_not_found", `There is no survey "${slug}".`);
  const db = await getDb();
  const params = new URL(req.url).searchParams;
  const { round, name: roundName } = await resolveRound(db, slug, params.get(ROUND_KEY) ?? undefined);
  const units = sortCoverage(await listCoverageByUnit(db, slug, round), "code", "asc");
  if (params.get("format") === "csv") {
    const sep = parseSeparator(params);
    if (!sep) throw badRequest("invalid_query", "sep: must be comma or semicolon");
    await recordAudit(db, { user, action: "export.coverage_csv", target: slug, details: { round }, ip: clientIp(req) });
    return csvResponse(
      csvFromRecords(coverageCsvRows(units, "Sin unidad"), sep, COVERAGE_CSV_HEADER),
      exportFileName(slug, roundExportName("cobertura", round, (await listRounds(db, slug)).length)),
    );
  }
  return json({
    survey: slug,
    round: { round, name: roundName },
    total: totalCoverage(units, isUnitRow),
    units: units.map((u) => ({ ...u, rate: responseRate(u) })),
    byInstitution: await listCoverageByGroup(db, slug, round, "institution"),
    byRegion: await listCoverageByGroup(db, slug, round, "region"),
    byDay: await listCompletionsByDay(db, slug, round),
    demoResponses: await countDemoResponses(db, slug, new Map(), { values: {}, round }),
  });
});
