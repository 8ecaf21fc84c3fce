// GET /api/surveys/{slug}/export/compare.csv?from=<round>&to=<round>&by=…&<filters>&labels=es|en&sep=…
// – the comparison of two rounds as CSV, with the page's suppression; analysts and admins, audited.
import { requireApiUser } from "@/app/_server/auth";
import { loadComparison } from "@/app/_server/round-comparison";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { COMPARE_HEADER, compareCsvRecords } from "@/lib/export/compare-csv";
import { csvFromRecords } from "@/lib/export/csv-format";
import { csvGroupLabel } from "@/lib/export/group-label";
import { exportFileName, parseExportQuery } from "@/lib/export/export-query";
import { badRequest } from "@/lib/http/app-error";
import { csvResponse } from "@/lib/http/csv-response";
import { handle } from "@/lib/http/json-response";
import { clientIp } from "@/lib/http/rate-limit";

export const dynamic = "force-dynamic";

const FORMAT = ["labels", "sep"];

export const GET = handle("GET /api/surveys/export/compare.csv", async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const user = await requireApiUser("analyst");
  const { slug } = await ctx.params;
  const params = new URL(req.url).searchParams;
  const format = new URLSearchParams([...params].filter(([k]) => FORMAT.includes(k)));
  const rest = new URLSearchParams([...params].filter(([k]) => !FORMAT.includes(k)));
  const loaded = await loadComparison(slug, rest);
  if (!loaded.report || !loaded.query) throw badRequest("invalid_query", loaded.error ?? "invalid query");
  const fmt = parseExportQuery(format, { dimensions: [] });
  if (!fmt.ok) throw badRequest("invalid_query", fmt.message);
  const locale = fmt.value.labels ?? "es";
  const titles = new Map(loaded.context.topics.map((t) => [t.code, t.title[locale]]));
  const breakdown = loaded.survey.needs?.breakdowns.find((b) => b.name === loaded.query?.by);
  const groupLabels = new Map(breakdown?.choices.map((c) => [c.value, c.label[locale]]));
  const records = compareCsvRecords(loaded.report, {
    topicTitle: (code) => titles.get(code) ?? code,
    groupLabel: csvGroupLabel(locale, groupLabels),
  });
  const { from, to, by, filters } = loaded.query;
  await recordAudit(await getDb(), { user, action: "export.compare_csv", target: slug, details: { from, to, by, filters }, ip: clientIp(req) });
  return csvResponse(csvFromRecords(records, fmt.value.separator, COMPARE_HEADER), exportFileName(slug, `comparacion-ronda${from}-ronda${to}`));
});
