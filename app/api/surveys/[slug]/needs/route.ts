// GET /api/surveys/{slug}/needs?by=<breakdown>&<filters> – ranked training needs per group (Borich
// MWDS, Locus for Focus quadrant) and for everyone, with small-cell suppression; analysts and admins.
// `round`: the survey round shown (?round=N; default the latest that has opened, docs/rounds.md).
// `demoResponses`: how many of the completed responses under the filters are synthetic (npm run demo).
import { resolveRound } from "@/db/queries/survey-rounds";
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { countDemoResponses } from "@/db/queries/count-demo-responses";
import { getNeedsReport, resolveView } from "@/db/queries/needs-report";
import { surveyForApi } from "@/app/_server/survey-for-api";
import { badRequest } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { parseNeedsQuery, ROUND_KEY } from "@/lib/needs/filters";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string }> };

export const GET = handle("GET /api/surveys/needs", async (req: Request, ctx: Ctx) => {
  await requireApiUser("analyst");
  const { slug } = await ctx.params;
  const { context, needsSurvey } = await surveyForApi(slug, { requireNeeds: true });
  const parsed = parseNeedsQuery(new URL(req.url).searchParams, context.spec);
  if (!parsed.ok) throw badRequest("invalid_query", parsed.message);
  const db = await getDb();
  const report = await getNeedsReport(db, needsSurvey, parsed.value, context.k);
  const demoResponses = (
    await countDemoResponses(db, slug, needsSurvey.slots, (await resolveView(db, needsSurvey, parsed.value.filters, context.k)).filters)
  ).completed;
  const { round, name } = await resolveRound(db, slug, parsed.value.filters[ROUND_KEY]);
  return json({ survey: slug, round: { round, name }, ...report, demoResponses });
});
