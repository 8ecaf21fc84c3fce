// PUT /api/responses/{uuid} – save progress or submit a response (idempotent, validated).
// GET /api/responses/{uuid} – status of a response, and its answers while it is still partial.
import { findActiveUnitByLinkCode } from "@/db/queries/units";
import { getDb } from "@/db/client";
import { getResumableResponse } from "@/db/queries/responses";
import { saveResponse } from "@/db/queries/save-response";
import { getSurveyStatus } from "@/db/queries/surveys";
import { AppError, badRequest, conflict, notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { env } from "@/lib/env";
import { requestLimiter } from "@/app/_server/rate-limits";
import { RESPONSE_ID, responsePayload } from "@/lib/responses/response-payload";
import { validateResponseData } from "@/lib/responses/response-validation";
import { getSurvey } from "@/surveys/registry";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

const saves = requestLimiter("save", () => env().SONDEO_RATE_LIMIT_PER_MINUTE, 60_000);

async function throttle(req: Request): Promise<void> {
  const retry = await saves.hit(req);
  if (retry > 0) {
    throw new AppError(429, "too_many_requests", "Too many saves from this address; wait a moment and try again.", undefined, {
      "retry-after": String(retry),
    });
  }
}

async function responseId(ctx: Ctx): Promise<string> {
  const { id } = await ctx.params;
  const parsed = RESPONSE_ID.safeParse(id);
  if (!parsed.success) throw badRequest("invalid_response_id", "The response id must be a UUID.");
  return parsed.data.toLowerCase();
}

export const PUT = handle("PUT /api/responses", async (req: Request, ctx: Ctx) => {
  await throttle(req);
  const id = await responseId(ctx);
  const parsed = responsePayload.safeParse(await readJsonBody(req));
  if (!parsed.success) {
    throw badRequest("invalid_payload", "The request body does not have the expected fields.", {
      issues: parsed.error.issues.map((i) => ({ key: i.path.join(".") || "(body)", message: i.message })),
    });
  }
  const body = parsed.data;
  const survey = await getSurvey(body.survey);
  if (!survey) throw notFound("survey_not_found", `There is no survey "${body.survey}".`);
  const db = await getDb();
  if ((await getSurveyStatus(db, survey.slug)) === "closed") {
    throw conflict("survey_closed", "This survey is closed and no longer accepts answers.");
  }
  let unitId: number | null = null;
  if (body.unit) {
    const unit = await findActiveUnitByLinkCode(db, body.unit);
    if (!unit) {
      throw new AppError(422, "unknown_unit", "The link's unit code is unknown or no longer active.", {
        issues: [{ key: "unit", reason: "unknown_unit", message: "unknown or inactive unit code" }],
      });
    }
    unitId = unit.id;
  }
  const result = validateResponseData(survey.definition, body.data, {
    complete: body.complete,
    locale: body.locale,
  });
  if (!result.ok) {
    throw new AppError(422, "invalid_answers", "Some answers are not valid for this survey.", {
      issues: result.issues,
    });
  }
  const saved = await saveResponse(db, {
    id,
    survey,
    unitId,
    locale: body.locale,
    data: result.data,
    complete: body.complete,
    page: body.page,
  });
  return json(saved);
});

export const GET = handle("GET /api/responses", async (_req: Request, ctx: Ctx) => {
  const id = await responseId(ctx);
  const found = await getResumableResponse(await getDb(), id);
  if (!found) throw notFound("response_not_found", "There is no response with this id.");
  return json(found);
});
