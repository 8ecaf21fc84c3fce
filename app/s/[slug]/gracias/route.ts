// GET /s/{slug}/gracias – thanks after a submission the server acknowledged, and the reminder that
// answers are confidential and only reported in aggregates. No SurveyJS here.
import type { NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { env } from "@/lib/env";
import { getSurvey } from "@/surveys/registry";
import { htmlResponse, pageContext } from "../../_page/respond";
import { documentTitle, notFoundPageHtml, noticePageHtml } from "../../_page/respondent-html";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, { params }: { params: Promise<{ slug: string }> }) {
  const ctx = pageContext(request);
  const t = await getTranslations({ locale: ctx.locale, namespace: "fill" });
  const survey = await getSurvey((await params).slug);
  if (!survey) return htmlResponse(notFoundPageHtml(ctx), 404);
  const page = noticePageHtml(ctx, {
    documentTitle: documentTitle(t("thanks.title")),
    surveyTitle: survey.title[ctx.locale],
    heading: t("thanks.title"),
    paragraphs: [t("thanks.body"), t("thanks.confidentiality", { minGroup: env().SONDEO_MIN_GROUP_SIZE }), t("thanks.close")],
  });
  return htmlResponse(page);
}
