// GET /api/admin/surveys/{slug}/coverage – responses started/completed/expected by unit, by
// institution, by region and per day, as JSON; ?format=csv gives the unit table (audited).
// Counts only, never answers (analysts and admins). `demoResponses`: how many of the counted
// responses are synthetic (npm run demo).
import { stringify } from "csv-stringify/sync";
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { countDemoResponses } from "@/db/queries/count-demo-responses";
import { listCompletionsByDay, listCoverageByGroup, listCoverageByUnit } from "@/db/queries/coverage";
import { COVERAGE_CSV_HEADER, coverageCsvRows } from "@/lib/coverage-csv";
import { csvOptions } from "@/lib/export/csv-format";
import { responseRate, sortCoverage, totalCoverage } from "@/lib/coverage";
import { notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { clientIp } from "@/lib/rate-limit";
import { getSurvey } from "@/surveys/registry";

export const dynamic = "force-dynamic";

export const GET = handle("GET /api/admin/surveys/[slug]/coverage", async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const user = await requireApiUser("analyst");
  const { slug } = await ctx.params;
  if (!getSurvey(slug)) throw notFound("survey_not_found", `There is no survey "${slug}".`);
  const db = getDb();
  const units = sortCoverage(listCoverageByUnit(db, slug), "code", "asc");
  if (new URL(req.url).searchParams.get("format") === "csv") {
    recordAudit(db, { user, action: "export.coverage_csv", target: slug, ip: clientIp(req) });
    const csv = stringify(coverageCsvRows(units, "Sin unidad"), csvOptions("comma", COVERAGE_CSV_HEADER));
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="cobertura-${slug}.csv"`,
        "cache-control": "no-store",
      },
    });
  }
  const total = totalCoverage(units);
  return json({
    survey: slug,
    total: { ...total, rate: responseRate(total) },
    units: units.map((u) => ({ ...u, rate: responseRate(u) })),
    byInstitution: listCoverageByGroup(db, slug, "institution"),
    byRegion: listCoverageByGroup(db, slug, "region"),
    byDay: listCompletionsByDay(db, slug),
    demoResponses: countDemoResponses(db, slug),
  });
});
