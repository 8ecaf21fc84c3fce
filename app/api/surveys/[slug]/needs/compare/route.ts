// GET /api/surveys/{slug}/needs/compare?from=<round>&to=<round>&by=<breakdown>&<filters> – per topic
// and group, Ī, C̄, D̄ and MWDS in two rounds, the change and Welch's 95 % interval, and the topics
// that left or entered the high-priority quadrant; what either round hides is hidden in both
// (docs/rounds.md). Analysts and admins.
import { requireApiUser } from "@/app/_server/auth";
import { loadComparison } from "@/app/_server/round-comparison";
import { badRequest } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";

export const dynamic = "force-dynamic";

export const GET = handle("GET /api/surveys/needs/compare", async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  await requireApiUser("analyst");
  const { slug } = await ctx.params;
  const loaded = await loadComparison(slug, new URL(req.url).searchParams);
  if (!loaded.report || !loaded.query) throw badRequest("invalid_query", loaded.error ?? "invalid query");
  return json({ survey: slug, filters: loaded.query.filters, ...loaded.report });
});
