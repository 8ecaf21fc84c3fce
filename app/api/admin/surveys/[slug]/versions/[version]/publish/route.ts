// POST /api/admin/surveys/{slug}/versions/{version}/publish – make a stored version the one
// respondents get (admins). Responses already given keep the version they were answered with.
// The version is checked again first: one that no longer builds is refused with its problems.
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { publishVersion } from "@/db/queries/survey-versions";
import { AppError, notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";
import { buildStoredEntry, refreshSurveys, SurveyDefinitionError } from "@/surveys/registry";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string; version: string }> };

export const POST = handle("POST /api/admin/surveys/[slug]/versions/[version]/publish", async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const user = await requireApiUser("admin");
  const { slug, version } = await ctx.params;
  const db = await getDb();
  try {
    if (!(await buildStoredEntry(slug, version, db))) throw notFound("version_not_found", `Survey "${slug}" has no version "${version}".`);
  } catch (err) {
    if (!(err instanceof SurveyDefinitionError)) throw err;
    throw new AppError(422, "invalid_survey", `This version cannot be published: ${err.message}`, { problems: err.problems });
  }
  const result = await publishVersion(db, slug, version);
  if (!result) throw notFound("version_not_found", `Survey "${slug}" has no version "${version}".`);
  const changed = result.previous !== version;
  if (changed) {
    await recordAudit(db, { user, action: "survey.publish", target: slug, details: { version, previous: result.previous }, ip: clientIp(req) });
    refreshSurveys();
  }
  return json({ slug, version, published: true, previous: result.previous, changed });
});
