// GET /api/admin/surveys/{slug}/rounds – the survey's rounds, each with its dates, its state today
// and its completed responses (analysts and admins).
// POST /api/admin/surveys/{slug}/rounds – open a new round {name, opensOn?, closesOn?} (admins).
// Without opensOn it opens today (Peru time); from that day new responses join it. 422
// invalid_round lists every problem and stores nothing.
import { z } from "zod";
import { requireApiUser } from "@/app/_server/auth";
import { roundRows } from "@/app/_server/survey-rounds";
import { peruTodayNow } from "@/lib/time/clock";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { createRound, listRounds } from "@/db/queries/survey-rounds";
import { AppError, badRequest, notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";
import { roundOrderProblems, roundProblems, roundState } from "@/lib/rounds/rounds";
import { getSurvey } from "@/surveys/registry";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string }> };

/** Dates are checked by roundProblems (422 naming the field), so any string passes here. */
const day = z.string().max(40).nullable().optional();
const body = z.object({ name: z.string().max(1000), opensOn: day, closesOn: day }).strict();

async function knownSurvey(ctx: Ctx): Promise<string> {
  const { slug } = await ctx.params;
  if (!(await getSurvey(slug))) throw notFound("survey_not_found", `There is no survey "${slug}".`);
  return slug;
}

export const GET = handle("GET /api/admin/surveys/[slug]/rounds", async (_req: Request, ctx: Ctx) => {
  await requireApiUser("analyst");
  const slug = await knownSurvey(ctx);
  return json({ survey: slug, rounds: await roundRows(await getDb(), slug) });
});

export const POST = handle("POST /api/admin/surveys/[slug]/rounds", async (req: Request, ctx: Ctx) => {
  assertSameOrigin(req);
  const user = await requireApiUser("admin");
  const slug = await knownSurvey(ctx);
  const parsed = body.safeParse(await readJsonBody(req, 4 * 1024));
  if (!parsed.success) {
    throw badRequest("invalid_payload", 'Send {"name": "2026 seguimiento", "opensOn": "YYYY-MM-DD" or null, "closesOn": "YYYY-MM-DD" or null}.');
  }
  const today = peruTodayNow();
  const input = { name: parsed.data.name, opensOn: parsed.data.opensOn ?? today, closesOn: parsed.data.closesOn ?? null };
  const db = await getDb();
  const rounds = await listRounds(db, slug);
  const next = (rounds.at(-1)?.round ?? 0) + 1;
  const problems = roundProblems(input);
  if (problems.length === 0) problems.push(...roundOrderProblems(rounds, next, input.opensOn));
  if (problems.length > 0) throw new AppError(422, "invalid_round", `The round cannot be opened: ${problems.join("; ")}`, { problems });
  const created = await createRound(db, slug, input, user.email);
  await recordAudit(db, { user, action: "round.create", target: slug, details: { ...created }, ip: clientIp(req) });
  return json({ survey: slug, ...created, state: roundState(created, today), completed: 0 }, 201);
});
