// PUT /api/bench/bare/{uuid} – benchmark baseline: stores the body's answers as a completed
// response with one plain insert and no validation, to measure what Next + SQLite cost alone
// (bench/submissions.ts compares PUT /api/responses/{uuid} with it).
// Public route, but disabled: it answers 404 unless the server runs with SONDEO_BENCH=1, which
// only the benchmark harness sets. Never set SONDEO_BENCH in production.
import { getDb } from "@/db/client";
import { insertBareResponse } from "@/db/queries/insert-bare-response";
import { env } from "@/lib/env";
import { notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { getSurvey } from "@/surveys/registry";

export const dynamic = "force-dynamic";

type Body = { survey?: string; locale?: "es" | "en"; data?: unknown };

export const PUT = handle("PUT /api/bench/bare", async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  if (env().SONDEO_BENCH !== "1") throw notFound("not_found", "There is nothing here.");
  const { id } = await ctx.params;
  const body = (await req.json()) as Body;
  const survey = getSurvey(String(body.survey));
  if (!survey) throw notFound("survey_not_found", `There is no survey "${String(body.survey)}".`);
  insertBareResponse(getDb(), { id, survey, locale: body.locale ?? "es", data: body.data });
  return json({ id, status: "complete" });
});
