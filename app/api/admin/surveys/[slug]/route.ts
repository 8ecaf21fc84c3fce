// DELETE /api/admin/surveys/{slug} – remove a survey and all its versions (admins). Refused with
// 409 survey_has_responses once anyone has answered it (close it instead), and with 409
// survey_file_present while its file is in the surveys folder (the next scan would bring it back).
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { removeSurvey } from "@/db/queries/survey-versions";
import { conflict, notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";
import { listSurveyFiles, refreshSurveys } from "@/surveys/registry";

export const dynamic = "force-dynamic";

export const DELETE = handle("DELETE /api/admin/surveys/[slug]", async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  assertSameOrigin(req);
  const user = await requireApiUser("admin");
  const { slug } = await ctx.params;
  const file = (await listSurveyFiles()).find((f) => f.slug === slug);
  if (file) {
    throw conflict(
      "survey_file_present",
      `The survey "${slug}" comes from the file ${file.file} in the surveys folder: remove the file first, or it would come back on the next scan.`,
    );
  }
  const db = await getDb();
  const result = await removeSurvey(db, slug);
  if (!result) throw notFound("survey_not_found", `There is no survey "${slug}".`);
  if (!result.removed) {
    throw conflict("survey_has_responses", `The survey "${slug}" has ${result.responses} responses and cannot be removed: close it instead.`);
  }
  await recordAudit(db, { user, action: "survey.remove", target: slug, details: { versions: result.versions }, ip: clientIp(req) });
  refreshSurveys();
  return json({ slug, removed: true });
});
