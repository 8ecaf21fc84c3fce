// GET /api/admin/surveys/{slug}/versions – every version of a survey, newest first: where it came
// from (file or upload, and who uploaded it), when, whether and when it was published, and how
// many responses it holds (admins).
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { listSurveyVersions } from "@/db/queries/survey-versions";
import { notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";

export const dynamic = "force-dynamic";

export const GET = handle("GET /api/admin/surveys/[slug]/versions", async (_req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  await requireApiUser("admin");
  const { slug } = await ctx.params;
  const versions = await listSurveyVersions(await getDb(), slug);
  if (versions.length === 0) throw notFound("survey_not_found", `There is no survey "${slug}".`);
  return json({ slug, published: versions.find((v) => v.isPublished)?.version ?? null, versions });
});
