// The interface languages: Spanish (Peru) first, English available everywhere.
export const LOCALES = ["es", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "es";
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function asLocale(value: string | undefined | null): Locale {
  return value === "en" ? "en" : "es";
}

/** The locale of an API request: the language-switch cookie, else the browser's preference. */
export function localeOfRequest(req: Request): Locale {
  const cookie = req.headers.get("cookie") ?? "";
  const match = cookie.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]+)`));
  if (match?.[1]) return asLocale(decodeURIComponent(match[1]));
  const accept = (req.headers.get("accept-language") ?? "").trim().toLowerCase();
  return accept.startsWith("en") ? "en" : DEFAULT_LOCALE;
}
