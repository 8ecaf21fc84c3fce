// GET /api/surveys/{slug}/export/needs.csv?by=…&<filters>&labels=es|en&sep=… – the dashboard's
// ranking as CSV, with the same suppression; analysts and admins, audited.
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { getNeedsReport } from "@/db/queries/needs-report";
import { listRounds, resolveRound } from "@/db/queries/survey-rounds";
import { ROUND_KEY } from "@/lib/needs/filters";
import { csvFromRecords } from "@/lib/export/csv-format";
import { exportFileName, parseExportQuery, roundExportName } from "@/lib/export/export-query";
import { csvGroupLabel } from "@/lib/export/group-label";
import { NEEDS_HEADER, needsCsvRecords } from "@/lib/export/needs-csv";
import { surveyForApi } from "@/app/_server/survey-for-api";
import { badRequest } from "@/lib/http/app-error";
import { csvResponse } from "@/lib/http/csv-response";
import { handle } from "@/lib/http/json-response";
import { clientIp } from "@/lib/http/rate-limit";

export const dynamic = "force-dynamic";

export const GET = handle("GET /api/surveys/export/needs.csv", async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const user = await requireApiUser("analyst");
  const { slug } = await ctx.params;
  const { survey, context, needsSurvey } = await surveyForApi(slug, { requireNeeds: true });
  const parsed = parseExportQuery(new URL(req.url).searchParams, context.spec);
  if (!parsed.ok) throw badRequest("invalid_query", parsed.message);
  const q = parsed.value;
  const db = await getDb();
  const report = await getNeedsReport(db, needsSurvey, { by: q.by, filters: q.filters }, context.k);
  const { round } = await resolveRound(db, slug, q.filters[ROUND_KEY]);
  const locale = q.labels ?? "es";
  const titles = new Map(context.topics.map((t) => [t.code, t.title[locale]]));
  const breakdown = survey.needs?.breakdowns.find((b) => b.name === q.by);
  const groupLabels = new Map(breakdown?.choices.map((c) => [c.value, c.label[locale]]));
  const records = needsCsvRecords(report, {
    topicTitle: (code) => titles.get(code) ?? code,
    groupLabel: csvGroupLabel(locale, groupLabels),
  });
  await recordAudit(db, { user, action: "export.needs_csv", target: slug, details: { by: q.by, filters: q.filters }, ip: clientIp(req) });
  return csvResponse(
    csvFromRecords(records, q.separator, NEEDS_HEADER),
    exportFileName(slug, roundExportName("necesidades", round, (await listRounds(db, slug)).length)),
  );
});
