// GET /api/resume/{code} – find a partial response by its resume code (another device).
// Lookups are throttled per IP so codes cannot be enumerated.
import { getDb } from "@/db/client";
import { findResponseByResumeCode } from "@/db/queries/responses";
import { AppError, notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { normalizeResumeCode } from "@/lib/codes/random-code";
import { requestLimiter } from "@/app/_server/rate-limits";

export const dynamic = "force-dynamic";

const lookups = requestLimiter("resume", () => 20, 10 * 60 * 1000);

export const GET = handle("GET /api/resume", async (req: Request, ctx: { params: Promise<{ code: string }> }) => {
  const retry = await lookups.hit(req);
  if (retry > 0) {
    throw new AppError(429, "too_many_attempts", "Too many resume attempts; wait and try again.", undefined, {
      "retry-after": String(retry),
    });
  }
  const code = normalizeResumeCode((await ctx.params).code);
  const found = code ? await findResponseByResumeCode(await getDb(), code) : undefined;
  if (!found) throw notFound("resume_code_not_found", "No survey in progress has this code.");
  return json(found);
});
