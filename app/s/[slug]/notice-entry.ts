// Browser entry of the notice pages (survey closed, link not valid, thanks): only the language
// switch, which reloads the page so the server renders it in the other language.
import type { Locale } from "@/i18n/locales";
import { bindLanguageSwitch, SWITCH_SELECTOR, type SwitchLabels } from "./language-switch";

const button = document.querySelector<HTMLButtonElement>(SWITCH_SELECTOR);
if (button) {
  const { locale, labels } = JSON.parse(button.dataset.languageSwitch!) as { locale: Locale; labels: Record<Locale, SwitchLabels> };
  bindLanguageSwitch(button, locale, labels, () => window.location.reload());
}
