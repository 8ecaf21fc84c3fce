// GET /api/surveys/{slug}/plan?<filters> – the training plan: the draft computed from the data
// (modules, audience, format and calendar, with suppression), the saved edits applied, what moved
// since the save, the saved versions; analysts and admins. Without filters: those of the saved plan.
// PUT /api/surveys/{slug}/plan – save {edits, filters} as the plan's next version; admins, audited.
import { requireApiUser } from "@/app/_server/auth";
import { loadPlan } from "@/app/_server/training-plan";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { insertPlanVersion } from "@/db/queries/training-plans";
import { listRounds, resolveRound } from "@/db/queries/survey-rounds";
import { ROUND_KEY } from "@/lib/needs/filters";
import { AppError, badRequest } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { snapshotOf } from "@/lib/plan/plan-changes";
import { planEditsSchema } from "@/lib/plan/plan-edits";
import { clientIp } from "@/lib/http/rate-limit";
import { z } from "zod";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string }> };

function planJson(p: Awaited<ReturnType<typeof loadPlan>>) {
  return {
    survey: p.survey.slug,
    k: p.context.k,
    n: p.figures.draft.n,
    suppressed: p.figures.draft.suppressed,
    filters: p.query.filters,
    demoResponses: p.demoResponses,
    draft: p.figures.draft,
    logistics: p.figures.logistics,
    saved: p.saved ? { version: p.saved.version, author: p.saved.author, createdAt: p.saved.createdAt } : null,
    edits: p.edits,
    plan: p.plan,
    changes: p.changes,
    versions: p.versions,
  };
}

export const GET = handle("GET /api/surveys/plan", async (req: Request, ctx: Ctx) => {
  await requireApiUser("analyst");
  const { slug } = await ctx.params;
  return json(planJson(await loadPlan(slug, new URL(req.url).searchParams)));
});

const body = z.object({ edits: z.unknown(), filters: z.record(z.string(), z.string()).default({}) }).strict();

export const PUT = handle("PUT /api/surveys/plan", async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const user = await requireApiUser("admin");
  const { slug } = await ctx.params;
  const parsedBody = body.safeParse(await readJsonBody(req, 128 * 1024));
  if (!parsedBody.success) throw badRequest("invalid_plan", "Send {edits, filters}.");
  const filters = new URLSearchParams(parsedBody.data.filters);
  // Drafted under exactly the filters sent (none = every completed response), never the saved ones.
  const p = await loadPlan(slug, filters, { savedFilters: false });
  const edits = planEditsSchema(p.vocabulary).safeParse(parsedBody.data.edits);
  if (!edits.success) {
    const issue = edits.error.issues[0];
    throw new AppError(422, "invalid_plan", `edits.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  const db = await getDb();
  // A survey with several rounds: the plan keeps the round it was drafted from, so that a round
  // opened later does not become the one its "what moved" compares with (docs/rounds.md).
  const rounds = await listRounds(db, slug);
  const round = p.query.filters[ROUND_KEY] ?? (rounds.length > 1 ? String((await resolveRound(db, slug, undefined)).round) : undefined);
  const query = { by: null, filters: round ? { ...p.query.filters, [ROUND_KEY]: round } : p.query.filters };
  const version = await insertPlanVersion(db, { slug, edits: edits.data, query, snapshot: snapshotOf(p.figures.draft, edits.data), author: user });
  await recordAudit(db, {
    user,
    action: "plan.save",
    target: slug,
    details: { version: version.version, filters: p.query.filters, modules: edits.data.modules.filter((m) => m.accepted).map((m) => m.id) },
    ip: clientIp(req),
  });
  return json(planJson(await loadPlan(slug, new URLSearchParams())));
});
