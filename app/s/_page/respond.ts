// What every respondent page response shares: the visitor's language, the CSP nonce, the asset
// URLs, and the headers of a personal, never-cached HTML page.
import type { NextRequest } from "next/server";
import { asLocale, LOCALE_COOKIE } from "@/i18n/locales";
import { respondentAssets } from "./respondent-assets";
import type { PageContext } from "./respondent-html";

export function pageContext(request: NextRequest): PageContext {
  return {
    // The language switch's cookie, Spanish otherwise (as on every other page).
    locale: asLocale(request.cookies.get(LOCALE_COOKIE)?.value),
    nonce: request.headers.get("x-nonce"),
    assets: respondentAssets(),
  };
}

export function htmlResponse(body: string, status = 200): Response {
  return new Response(body, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      // The page names the respondent's unit link: never stored by a shared cache.
      "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
    },
  });
}
