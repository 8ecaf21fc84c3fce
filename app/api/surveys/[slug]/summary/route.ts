// GET /api/surveys/{slug}/summary?<filters> – the question-by-question summary of any survey (counts,
// shares, means, medians; the first open answers) with small-cell suppression; analysts and admins.
// Filters: a survey with a needs declaration takes the needs API's, one without only from and to.
import { requireApiUser } from "@/app/_server/auth";
import { loadSurveySummary, resolveSummaryFilters, summaryMinGroupSize } from "@/app/_server/question-summary";
import { getDb } from "@/db/client";
import { countDemoResponses } from "@/db/queries/count-demo-responses";
import { notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { getSurvey } from "@/surveys/registry";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string }> };

export const GET = handle("GET /api/surveys/summary", async (req: Request, ctx: Ctx) => {
  await requireApiUser("analyst");
  const { slug } = await ctx.params;
  const survey = getSurvey(slug);
  if (!survey) throw notFound("survey_not_found", `There is no survey "${slug}".`);
  const db = getDb();
  const filters = resolveSummaryFilters(db, survey, new URL(req.url).searchParams);
  const k = summaryMinGroupSize(survey);
  const { n, verdict, summary } = loadSurveySummary(db, survey, filters, k);
  return json({
    survey: slug,
    k,
    // As in the needs API: a suppressed selection shows nothing but that fact, not even its size.
    n: verdict ? null : n,
    suppressed: verdict,
    demoResponses: countDemoResponses(db, slug, filters).completed,
    pages: summary?.pages ?? [],
    questions: summary?.sections ?? [],
  });
});
