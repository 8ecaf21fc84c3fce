// next-intl request configuration: the locale comes from the NEXT_LOCALE cookie (set by the
// language switch), Spanish otherwise. No locale prefix in URLs: survey links stay short.
// Messages live in one JSON file per namespace and locale: i18n/messages/<locale>/<namespace>.json.
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { messagesFor } from "./messages";
import { asLocale, LOCALE_COOKIE } from "./locales";

export default getRequestConfig(async () => {
  const locale = asLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: messagesFor(locale) };
});
