// GET /api/surveys/{slug}/export/plan.csv?<filters>&labels=es|en&sep=… – the training plan's tables
// (modules and their figures, audience by group and place, format and calendar) as CSV, with the
// plan's suppression; analysts and admins, audited. Without filters: those of the saved plan.
import { requireApiUser } from "@/app/_server/auth";
import { loadPlan, planLabels } from "@/app/_server/training-plan";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { csvFromRecords } from "@/lib/export/csv-format";
import { exportFileName, parseSeparator } from "@/lib/export/export-query";
import { asLocale } from "@/i18n/locales";
import { badRequest } from "@/lib/http/app-error";
import { csvResponse } from "@/lib/http/csv-response";
import { handle } from "@/lib/http/json-response";
import { PLAN_HEADER, planCsvRecords } from "@/lib/plan/plan-csv";
import { clientIp } from "@/lib/http/rate-limit";

export const dynamic = "force-dynamic";

export const GET = handle("GET /api/surveys/export/plan.csv", async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const user = await requireApiUser("analyst");
  const { slug } = await ctx.params;
  const params = new URL(req.url).searchParams;
  const separator = parseSeparator(params);
  const labels = params.get("labels") || "es";
  if (!separator || !["es", "en"].includes(labels)) throw badRequest("invalid_query", "labels must be es or en; sep comma or semicolon.");
  const p = await loadPlan(slug, params);
  const records = planCsvRecords(p.plan, p.figures.logistics, planLabels(p, asLocale(labels)));
  await recordAudit(await getDb(), {
    user,
    action: "export.plan_csv",
    target: slug,
    details: { filters: p.query.filters, version: p.saved?.version ?? null },
    ip: clientIp(req),
  });
  return csvResponse(csvFromRecords(records, separator, PLAN_HEADER), exportFileName(slug, "plan"));
});
