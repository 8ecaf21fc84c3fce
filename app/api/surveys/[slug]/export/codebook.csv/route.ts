// GET /api/surveys/{slug}/export/codebook.csv?sep=comma|semicolon – the data dictionary of the raw
// export (columns, question texts es/en, types, code → label); any signed-in coordinator.
import { requireApiUser } from "@/app/_server/auth";
import { CODEBOOK_HEADER, codebookRecords } from "@/lib/export/codebook";
import { csvFromRecords } from "@/lib/export/csv-format";
import { exportFileName, parseSeparator } from "@/lib/export/export-query";
import { badRequest, notFound } from "@/lib/http/app-error";
import { csvResponse } from "@/lib/http/csv-response";
import { handle } from "@/lib/http/json-response";
import { getSurvey } from "@/surveys/registry";

export const dynamic = "force-dynamic";

export const GET = handle("GET /api/surveys/export/codebook.csv", async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  await requireApiUser("analyst");
  const { slug } = await ctx.params;
  const survey = await getSurvey(slug);
  if (!survey) throw notFound("survey_not_found", `There is no survey "${slug}".`);
  const sep = parseSeparator(new URL(req.url).searchParams);
  if (!sep) throw badRequest("invalid_query", "sep: must be comma or semicolon");
  return csvResponse(csvFromRecords(codebookRecords(survey.definition), sep, CODEBOOK_HEADER), exportFileName(slug, "libro-de-codigos"));
});
