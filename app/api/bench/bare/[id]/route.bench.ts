// PUT /api/bench/bare/{uuid} – the submissions benchmark's baseline (bench/submissions.ts): writes
// what a completed submission writes (the response and its need ratings, in one transaction, with
// the same statements) and does nothing else: no validation, no rate limiting, no lookups.
// A route only in the benchmark build (.next-bench, see next.config.js): the production build
// has no such route.
import { getDb } from "@/db/client";
import { insertBareCompletion } from "@/db/queries/insert-bare-completion";
import { notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { getSurvey } from "@/surveys/registry";

export const dynamic = "force-dynamic";

type Body = { survey?: string; locale?: "es" | "en"; data?: Record<string, unknown> };

export const PUT = handle("PUT /api/bench/bare", async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  const body = (await req.json()) as Body;
  const survey = await getSurvey(String(body.survey));
  if (!survey) throw notFound("survey_not_found", `There is no survey "${String(body.survey)}".`);
  await insertBareCompletion(await getDb(), { id, survey, locale: body.locale ?? "es", data: body.data ?? {} });
  return json({ id, status: "complete" });
});
