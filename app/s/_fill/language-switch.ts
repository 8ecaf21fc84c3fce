// The es ⇄ en button of the respondent pages (plain DOM: these pages carry no framework runtime).
// The choice is kept in the NEXT_LOCALE cookie, which the server reads on the next page.
import { LOCALE_COOKIE, type Locale } from "@/i18n/locales";

/** Fired on window with the new locale: the fill form switches the survey without losing answers. */
export const LOCALE_EVENT = "sondeo:locale";

export interface SwitchLabels {
  /** The other language's name, in that language ("English", "Español"). */
  switchTo: string;
  /** What the button does, in the current language (its title). */
  switchToLabel: string;
}

/** The server renders the button with these attributes; the scripts find it by them. */
export const SWITCH_SELECTOR = "button[data-language-switch]";

export function langAttribute(locale: Locale): string {
  return locale === "en" ? "en" : "es-PE";
}

/**
 * Makes the server-rendered button switch languages. `onSwitch` runs after the cookie and
 * `<html lang>` are set and the button shows the way back.
 */
export function bindLanguageSwitch(
  button: HTMLButtonElement,
  initial: Locale,
  labels: Record<Locale, SwitchLabels>,
  onSwitch: (next: Locale) => void,
): void {
  let current = initial;
  button.addEventListener("click", () => {
    const next: Locale = current === "es" ? "en" : "es";
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; SameSite=Lax`;
    document.documentElement.lang = langAttribute(next);
    current = next;
    const label = document.createElement("span");
    label.lang = next === "es" ? "en" : "es";
    label.textContent = labels[next].switchTo;
    button.replaceChildren(label);
    button.title = labels[next].switchToLabel;
    onSwitch(next);
  });
}
