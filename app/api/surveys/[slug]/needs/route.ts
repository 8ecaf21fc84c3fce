// GET /api/surveys/{slug}/needs?by=institucion&<filters> – ranked training needs per group (Borich
// MWDS, Locus for Focus quadrant) and for everyone, with small-cell suppression; analysts and admins.
// `demoResponses`: how many of the completed responses under the filters are synthetic (npm run demo).
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { countDemoResponses } from "@/db/queries/count-demo-responses";
import { getNeedsReport, resolveFilters } from "@/db/queries/needs-report";
import { env } from "@/lib/env";
import { badRequest, notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { parseNeedsQuery } from "@/lib/needs/filters";
import { needsContext } from "@/lib/needs/survey-context";
import { getSurvey } from "@/surveys/registry";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string }> };

export const GET = handle("GET /api/surveys/needs", async (req: Request, ctx: Ctx) => {
  await requireApiUser("analyst");
  const { slug } = await ctx.params;
  const survey = getSurvey(slug);
  if (!survey?.needs) throw notFound("survey_not_found", `There is no survey "${slug}" with a needs matrix.`);
  const context = needsContext(survey);
  const parsed = parseNeedsQuery(new URL(req.url).searchParams, { allowed: context.allowed });
  if (!parsed.ok) throw badRequest("invalid_query", parsed.message);
  const k = env().SONDEO_MIN_GROUP_SIZE;
  const db = getDb();
  const report = getNeedsReport(db, context.needsSurvey, parsed.value, k);
  const demoResponses = countDemoResponses(db, slug, resolveFilters(db, parsed.value.filters)).completed;
  return json({ survey: slug, ...report, demoResponses });
});
