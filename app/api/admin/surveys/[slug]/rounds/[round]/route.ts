// PATCH /api/admin/surveys/{slug}/rounds/{round} – rename a round or change its dates {name?,
// opensOn?, closesOn?} (admins); a field left out keeps its value, null removes a date. Responses
// never move: each stays in the round it joined. 422 invalid_round lists every problem.
import { z } from "zod";
import { requireApiUser } from "@/app/_server/auth";
import { peruTodayNow } from "@/lib/time/clock";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { countCompletedByRound } from "@/db/queries/count-completed-by-round";
import { listRounds, updateRound } from "@/db/queries/survey-rounds";
import { changedFields } from "@/lib/audit/changed-fields";
import { AppError, badRequest, notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";
import { roundOrderProblems, roundProblems, roundState, type Round } from "@/lib/rounds/rounds";
import { getSurvey } from "@/surveys/registry";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string; round: string }> };

/** Dates are checked by roundProblems (422 naming the field), so any string passes here. */
const day = z.string().max(40).nullable().optional();
const body = z.object({ name: z.string().max(1000).optional(), opensOn: day, closesOn: day }).strict();

const FIELDS = ["name", "opensOn", "closesOn"] as const;

export const PATCH = handle("PATCH /api/admin/surveys/[slug]/rounds/[round]", async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const user = await requireApiUser("admin");
  const { slug, round: param } = await ctx.params;
  if (!(await getSurvey(slug))) throw notFound("survey_not_found", `There is no survey "${slug}".`);
  const db = await getDb();
  const rounds = await listRounds(db, slug);
  const before = /^\d{1,6}$/.test(param) ? rounds.find((r) => r.round === Number(param)) : undefined;
  if (!before) throw notFound("round_not_found", `The survey "${slug}" has no round ${param}.`);
  const parsed = body.safeParse(await readJsonBody(req, 4 * 1024));
  if (!parsed.success) {
    throw badRequest("invalid_payload", 'Send {"name": "…", "opensOn": "YYYY-MM-DD" or null, "closesOn": "YYYY-MM-DD" or null}.');
  }
  const after: Round = { ...before };
  for (const key of FIELDS) {
    const value = parsed.data[key];
    if (value !== undefined) Object.assign(after, { [key]: value });
  }
  after.name = after.name.trim();
  const problems = roundProblems(after);
  if (problems.length === 0) problems.push(...roundOrderProblems(rounds, before.round, after.opensOn));
  if (problems.length > 0) throw new AppError(422, "invalid_round", `The round cannot be saved: ${problems.join("; ")}`, { problems });
  const changes = changedFields({ ...before }, { ...after }, FIELDS);
  if (Object.keys(changes).length > 0) {
    if (!(await updateRound(db, slug, before.round, after, user.email)))
      throw notFound("round_not_found", `The survey "${slug}" has no round ${param}.`);
    await recordAudit(db, { user, action: "round.update", target: slug, details: { ...after, changes }, ip: clientIp(req) });
  }
  const completed = (await countCompletedByRound(db, slug)).get(after.round) ?? 0;
  return json({ survey: slug, ...after, state: roundState(after, peruTodayNow()), completed });
});
