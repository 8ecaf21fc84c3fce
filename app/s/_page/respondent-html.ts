// The HTML documents of the respondent pages (/s/*), rendered on the server without React and
// without the Next.js client runtime: a phone on a weak connection gets the title and the
// introduction at once, then one script (the fill form, or the language switch of a notice) and
// the stylesheets, all cached as immutable. Every value is escaped by `html` except authored
// survey content, which SurveyJS would render as HTML too.
import { messagesFor } from "@/i18n/messages";
import type { Locale } from "@/i18n/locales";
import { html, jsonForScript, rawHtml, type TrustedHtml } from "@/lib/html";
import type { SurveyIntro } from "@/surveys/survey-intro";
import { FILL_PROPS_ID, FILL_ROOT_ID, type FillPageProps } from "../_fill/fill-page-props";
import { langAttribute, type SwitchLabels } from "../_fill/language-switch";
import type { RespondentAssets } from "./respondent-assets";

export interface PageContext {
  locale: Locale;
  /** The request's CSP nonce (set by proxy.ts), for the page's one script. */
  nonce: string | null;
  assets: RespondentAssets;
}

const SITE = "Sondeo";

function switchLabels(): Record<Locale, SwitchLabels> {
  const label = (l: Locale) => ({ switchTo: messagesFor(l).common.switchTo, switchToLabel: messagesFor(l).common.switchToLabel });
  return { es: label("es"), en: label("en") };
}

function languageSwitch(locale: Locale): TrustedHtml {
  const labels = switchLabels();
  const other: Locale = locale === "es" ? "en" : "es";
  return html`<button type="button" class="secondary language-switch" title="${labels[locale].switchToLabel}" data-language-switch="${JSON.stringify({ locale, labels })}"><span lang="${other}">${labels[locale].switchTo}</span></button>`;
}

function documentHtml(ctx: PageContext, parts: { title: string; script: string; body: TrustedHtml; tail?: TrustedHtml }): string {
  const nonce = ctx.nonce ? html` nonce="${ctx.nonce}"` : "";
  return html`<!DOCTYPE html>
<html lang="${langAttribute(ctx.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${parts.title}</title>
<link rel="stylesheet" href="${ctx.assets.respondent}">
<script type="module" src="${parts.script}"${nonce}></script>
</head>
<body>
${parts.body}
${parts.tail}
</body>
</html>
`.value;
}

export function documentTitle(title: string): string {
  return `${title} · ${SITE}`;
}

/** The fill page: header, the introduction as first paint, and the form's script and data. */
export function fillPageHtml(ctx: PageContext, props: FillPageProps, intro: SurveyIntro): string {
  const fill = messagesFor(ctx.locale).fill;
  const header = props.header[ctx.locale];
  const body = html`<main class="fill-page">
<header class="fill-header">
<div><h1>${header.title}</h1><p class="fill-subtitle"${header.description ? "" : rawHtml(" hidden")}>${header.description}</p></div>
${languageSwitch(ctx.locale)}
</header>
<noscript><p class="fill-alert">${fill.noscript}</p></noscript>
<div id="${FILL_ROOT_ID}">
<section class="fill-intro">
<h2>${intro.pageTitle}</h2>
${intro.html.map((h) => html`<div>${rawHtml(h)}</div>`)}
<p class="fill-loading">${fill.loading}</p>
</section>
</div>
</main>`;
  const tail = html`<script type="application/json" id="${FILL_PROPS_ID}">${jsonForScript(props)}</script>
<link rel="stylesheet" href="${ctx.assets.survey}">`;
  return documentHtml(ctx, { title: header.documentTitle, script: ctx.assets.fill, body, tail });
}

/** A message in place of the form (survey closed, link not valid, thanks, not found). */
export function noticePageHtml(
  ctx: PageContext,
  notice: { documentTitle: string; surveyTitle: string; heading: string; paragraphs: string[] },
): string {
  const body = html`<main class="fill-page">
<header class="fill-header">
<p class="fill-survey-name">${notice.surveyTitle}</p>
${languageSwitch(ctx.locale)}
</header>
<section class="fill-notice">
<h1>${notice.heading}</h1>
${notice.paragraphs.map((p) => html`<p>${p}</p>`)}
</section>
</main>`;
  return documentHtml(ctx, { title: notice.documentTitle, script: ctx.assets.notice, body });
}

/** No survey at this address. */
export function notFoundPageHtml(ctx: PageContext): string {
  const { title, body } = messagesFor(ctx.locale).fill.notFound;
  return noticePageHtml(ctx, { documentTitle: documentTitle(title), surveyTitle: SITE, heading: title, paragraphs: [body] });
}
