// GET /api/surveys/{slug}/export/plan.docx?<filters>&labels=es|en – the training plan as a Word
// document (A4): the accepted modules with the figures that justify them, format and calendar;
// analysts and admins, audited. Language: labels, else the interface's. Without filters: the saved plan's.
import { requireApiUser } from "@/app/_server/auth";
import { filterList, loadPlan, planDate, planLabels } from "@/app/_server/training-plan";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { messagesFor } from "@/i18n/messages";
import { asLocale, localeOfRequest } from "@/i18n/locales";
import { badRequest } from "@/lib/http/app-error";
import { handle } from "@/lib/http/json-response";
import { planDocx } from "@/lib/plan/plan-docx";
import { clientIp } from "@/lib/http/rate-limit";

export const dynamic = "force-dynamic";

export const GET = handle("GET /api/surveys/export/plan.docx", async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const user = await requireApiUser("analyst");
  const { slug } = await ctx.params;
  const params = new URL(req.url).searchParams;
  const lang = params.get("labels");
  if (lang && !["es", "en"].includes(lang)) throw badRequest("invalid_query", "labels must be es or en.");
  const locale = lang ? asLocale(lang) : localeOfRequest(req);
  const p = await loadPlan(slug, params);
  const messages = messagesFor(locale).plan;
  const bytes = await planDocx({
    surveyTitle: p.survey.title[locale],
    plan: p.plan,
    logistics: p.figures.logistics,
    k: p.context.k,
    n: p.figures.draft.n,
    labels: planLabels(p, locale),
    texts: messages.doc,
    moduleTexts: messages.module,
    date: planDate(locale),
    filters: filterList(p, locale),
    demoResponses: p.demoResponses,
  });
  await recordAudit(await getDb(), {
    user,
    action: "export.plan_docx",
    target: slug,
    details: { filters: p.query.filters, version: p.saved?.version ?? null, locale },
    ip: clientIp(req),
  });
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "content-disposition": `attachment; filename="sondeo-${slug}-plan-${stamp}.docx"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
