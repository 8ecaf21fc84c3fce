// GET /api/surveys/{slug}/summary?<filters> – the question-by-question summary of any survey (counts,
// shares, means, medians; the first open answers) with small-cell suppression; analysts and admins.
// Filters: those of the survey's needs declaration (as the needs API; `by` is ignored), or only
// from and to for a survey without one.
import { requireApiUser } from "@/app/_server/auth";
import { summaryCatalogue, TEXT_SAMPLE } from "@/app/_server/question-summary";
import { surveyForApi } from "@/app/_server/survey-for-api";
import { getDb } from "@/db/client";
import { resolveRound } from "@/db/queries/survey-rounds";
import { countDemoResponses } from "@/db/queries/count-demo-responses";
import { resolveView } from "@/db/queries/needs-report";
import { getSurveySummary } from "@/db/queries/survey-summary";
import { badRequest } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { parseNeedsQuery } from "@/lib/needs/filters";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string }> };

export const GET = handle("GET /api/surveys/summary", async (req: Request, ctx: Ctx) => {
  await requireApiUser("analyst");
  const { slug } = await ctx.params;
  const { survey, context, needsSurvey } = await surveyForApi(slug, { requireNeeds: false });
  const parsed = parseNeedsQuery(new URL(req.url).searchParams, context.spec);
  if (!parsed.ok) throw badRequest("invalid_query", parsed.message);
  const db = await getDb();
  const k = context.k;
  const { filters, release } = await resolveView(db, needsSurvey, parsed.value.filters, k);
  const { n, verdict, summary } = await getSurveySummary(db, needsSurvey, summaryCatalogue(survey), filters, k, {
    declared: Boolean(survey.needs),
    textSample: TEXT_SAMPLE,
  });
  const round = await resolveRound(db, slug, filters.round);
  return json({
    survey: slug,
    round: { round: round.round, name: round.name },
    k,
    // As in the needs API: a suppressed selection shows nothing but that fact, not even its size.
    n: verdict ? null : n,
    suppressed: verdict,
    release,
    demoResponses: (await countDemoResponses(db, slug, needsSurvey.slots, filters)).completed,
    pages: summary?.pages ?? [],
    questions: summary?.sections ?? [],
  });
});
