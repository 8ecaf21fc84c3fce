// POST /api/admin/surveys – upload a SurveyJS JSON (a new survey or a new version of one) as an
// unpublished draft (admins). 422 invalid_survey lists every problem in Spanish and English and
// stores nothing; the same content again changes nothing (200, isNew: false).
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { storeDraftVersion } from "@/db/queries/survey-versions";
import { AppError } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";
import { buildUploadedEntry, refreshSurveys, SurveyDefinitionError, type SurveyEntry } from "@/surveys/registry";
import { summarizeSurvey } from "@/surveys/survey-summary";

export const dynamic = "force-dynamic";

/** dnc-tim.json is ~50 KB; a survey twenty times as long still fits. */
const MAX_SURVEY_BYTES = 1024 * 1024;

export const POST = handle("POST /api/admin/surveys", async (req: Request) => {
  assertSameOrigin(req);
  const user = await requireApiUser("admin");
  const body = await readJsonBody(req, MAX_SURVEY_BYTES);
  let entry: SurveyEntry;
  try {
    entry = buildUploadedEntry(body);
  } catch (err) {
    if (!(err instanceof SurveyDefinitionError)) throw err;
    throw new AppError(422, "invalid_survey", `The survey cannot be used: ${err.message}`, { problems: err.problems });
  }
  const db = await getDb();
  const stored = await storeDraftVersion(db, { slug: entry.slug, version: entry.version, definition: entry.definition, uploadedBy: user.email });
  if (stored.isNew) {
    await recordAudit(db, {
      user,
      action: "survey.upload",
      target: entry.slug,
      details: { version: entry.version, newSurvey: stored.surveyCreated },
      ip: clientIp(req),
    });
    refreshSurveys();
  }
  return json(
    {
      slug: entry.slug,
      version: entry.version,
      isNew: stored.isNew,
      surveyCreated: stored.surveyCreated,
      published: stored.published,
      summary: summarizeSurvey(entry),
    },
    stored.isNew ? 201 : 200,
  );
});
