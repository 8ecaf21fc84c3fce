// GET /s/{slug}?u={unit link code}&r={resume code} – the respondent's fill page. Finds the survey,
// checks it is open and the unit link is valid, renders the title and introduction on the server
// and hands over to the fill form's script. A route handler rather than a page: the respondent's
// phone gets React and SurveyJS alone, without the App Router's client runtime (see
// app/s/_fill/README.md, and bench/README.md "Fill page weight").
import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { getSurveyStatus } from "@/db/queries/surveys";
import { listRounds } from "@/db/queries/survey-rounds";
import { acceptingNewResponses } from "@/lib/rounds/rounds";
import { peruTodayNow } from "@/lib/time/clock";
import { findActiveUnitByLinkCode } from "@/db/queries/units";
import type { Locale } from "@/i18n/locales";
import { messagesFor } from "@/i18n/messages";
import { getSurvey } from "@/surveys/registry";
import { surveyIntro } from "@/surveys/survey-intro";
import { htmlResponse, pageContext } from "../_page/respond";
import { documentTitle, fillPageHtml, notFoundPageHtml, noticePageHtml } from "../_page/respondent-html";
import { formMessages } from "../_fill/form-messages";

export const dynamic = "force-dynamic";

const first = (v: string | null): string | undefined => v?.trim() || undefined;

export async function GET(request: NextRequest, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = pageContext(request);
  const fill = messagesFor(ctx.locale).fill;
  const survey = await getSurvey(slug);
  if (!survey) return htmlResponse(notFoundPageHtml(ctx), 404);
  const intro = { es: surveyIntro(survey.definition, "es"), en: surveyIntro(survey.definition, "en") };
  const title = intro[ctx.locale].title;
  const notice = (heading: string, body: string) =>
    htmlResponse(noticePageHtml(ctx, { documentTitle: documentTitle(title), surveyTitle: title, heading, paragraphs: [body] }));

  const db = await getDb();
  if ((await getSurveyStatus(db, survey.slug)) === "closed") return notice(fill.closed.title, fill.closed.body);
  const query = request.nextUrl.searchParams;
  // No round takes new answers today (the last one closed, the next not yet open): say so now
  // rather than at the first save. A resume link may still lead to a response of an open round.
  if (!first(query.get("r")) && !acceptingNewResponses(await listRounds(db, survey.slug), peruTodayNow())) {
    return notice(fill.closed.title, fill.closed.body);
  }
  const linkCode = first(query.get("u"));
  let unit: string | null = null;
  if (linkCode) {
    const found = linkCode.length <= 64 ? await findActiveUnitByLinkCode(db, linkCode) : undefined;
    if (!found) return notice(fill.unit.title, fill.unit.body);
    unit = found.linkCode;
  }
  const header = (l: Locale) => ({ documentTitle: documentTitle(intro[l].title), title: intro[l].title, description: intro[l].description });
  const props = {
    definition: survey.definition,
    slug: survey.slug,
    version: survey.version,
    unit,
    resumeCode: first(query.get("r"))?.slice(0, 64) ?? null,
    locale: ctx.locale,
    messages: formMessages(),
    header: { es: header("es"), en: header("en") },
  };
  return htmlResponse(fillPageHtml(ctx, props, intro[ctx.locale]));
}
