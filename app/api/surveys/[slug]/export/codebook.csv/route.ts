// GET /api/surveys/{slug}/export/codebook.csv?sep=comma|semicolon – the data dictionary of the raw
// export (columns, question texts es/en, types, code → label); any signed-in coordinator.
import { Readable } from "node:stream";
import { requireApiUser } from "@/app/_server/auth";
import { CODEBOOK_HEADER, codebookRecords } from "@/lib/export/codebook";
import { csvStream } from "@/lib/export/csv-format";
import { exportFileName } from "@/lib/export/export-query";
import { badRequest, notFound } from "@/lib/http/app-error";
import { csvResponse } from "@/lib/http/csv-response";
import { handle } from "@/lib/http/json-response";
import { getSurvey } from "@/surveys/registry";

export const dynamic = "force-dynamic";

export const GET = handle("GET /api/surveys/export/codebook.csv", async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  await requireApiUser("analyst");
  const { slug } = await ctx.params;
  const survey = getSurvey(slug);
  if (!survey) throw notFound("survey_not_found", `There is no survey "${slug}".`);
  const sep = new URL(req.url).searchParams.get("sep") ?? "comma";
  if (sep !== "comma" && sep !== "semicolon") throw badRequest("invalid_query", "sep: must be comma or semicolon");
  const body = Readable.from(codebookRecords(survey.definition), { objectMode: true }).pipe(csvStream(sep, CODEBOOK_HEADER));
  return csvResponse(body, exportFileName(slug, "libro-de-codigos"));
});
