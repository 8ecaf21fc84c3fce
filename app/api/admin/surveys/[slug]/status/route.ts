// POST /api/admin/surveys/{slug}/status – open or close a survey {status: "open"|"closed"} (admins).
// A closed survey refuses new answers (PUT /api/responses → 409 survey_closed).
import { z } from "zod";
import { requireApiUser } from "@/app/_server/auth";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { getSurveyStatus, setSurveyStatus } from "@/db/queries/surveys";
import { badRequest, notFound } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/json-response";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { clientIp } from "@/lib/http/rate-limit";
import { getSurvey } from "@/surveys/registry";

export const dynamic = "force-dynamic";

const body = z.object({ status: z.enum(["open", "closed"]) }).strict();

export const POST = handle("POST /api/admin/surveys/[slug]/status", async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  assertSameOrigin(req);
  const user = await requireApiUser("admin");
  const { slug } = await ctx.params;
  const survey = await getSurvey(slug);
  if (!survey) throw notFound("survey_not_found", `There is no survey "${slug}".`);
  const parsed = body.safeParse(await readJsonBody(req, 1024));
  if (!parsed.success) throw badRequest("invalid_payload", 'Send {"status": "open"} or {"status": "closed"}.');
  const db = await getDb();
  const before = await getSurveyStatus(db, slug);
  if (before !== parsed.data.status) {
    await setSurveyStatus(db, slug, parsed.data.status);
    await recordAudit(db, {
      user,
      action: parsed.data.status === "open" ? "survey.open" : "survey.close",
      target: slug,
      ip: clientIp(req),
    });
  }
  return json({ slug, status: parsed.data.status });
});
