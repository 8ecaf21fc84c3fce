// GET /api/surveys/{slug}/export/responses.csv?labels=codes|es|en&partial=0|1&sep=comma|semicolon&<filters>
// – raw responses, one row per response, streamed; admins only, every export is audited.
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { iterateExportRows } from "@/db/queries/export-responses";
import { resolveFilters } from "@/db/queries/needs-report";
import { listRounds } from "@/db/queries/survey-rounds";
import { exportFileName, roundExportName, parseExportQuery } from "@/lib/export/export-query";
import { rawCsvStream } from "@/lib/export/responses-csv";
import { surveyForApi } from "@/app/_server/survey-for-api";
import { badRequest } from "@/lib/http/app-error";
import { csvResponse } from "@/lib/http/csv-response";
import { handle } from "@/lib/http/json-response";
import { clientIp } from "@/lib/http/rate-limit";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string }> };

export const GET = handle("GET /api/surveys/export/responses.csv", async (req: Request, ctx: Ctx) => {
  const user = await requireApiUser("admin");
  const { slug } = await ctx.params;
  const { survey, context, needsSurvey } = await surveyForApi(slug, { requireNeeds: false });
  const parsed = parseExportQuery(new URL(req.url).searchParams, context.spec);
  if (!parsed.ok) throw badRequest("invalid_query", parsed.message);
  const q = parsed.value;
  const db = await getDb();
  const filters = await resolveFilters(db, slug, q.filters);
  await recordAudit(db, {
    user,
    action: "export.responses_csv",
    target: slug,
    details: { filters: q.filters, labels: q.labels ?? "codes", partial: q.includePartial, sep: q.separator },
    ip: clientIp(req),
  });
  const fileName = exportFileName(slug, roundExportName("respuestas", filters.round ?? 1, (await listRounds(db, slug)).length));
  // Read a page at a time while the file streams out: memory stays flat however many responses.
  const rows = iterateExportRows(db, slug, needsSurvey.slots, { includePartial: q.includePartial, filters });
  return csvResponse(rawCsvStream(survey.definition, rows, { labels: q.labels, separator: q.separator }), fileName);
});
