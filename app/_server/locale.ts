// The interface language of the page being rendered (next-intl's request locale, from the
// language cookie), as one of Sondeo's locales.
import { getLocale } from "next-intl/server";
import { asLocale, type Locale } from "@/i18n/locales";

export async function pageLocale(): Promise<Locale> {
  return asLocale(await getLocale());
}
