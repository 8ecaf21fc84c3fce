// Browser entry of the notice pages (survey closed, link not valid, thanks): the language switch,
// which reloads the page so the server renders it in the other language, and forgetting the
// device's offline copy of the fill page at this address.
import type { Locale } from "@/i18n/locales";
import { bindLanguageSwitch, SWITCH_SELECTOR, type SwitchLabels } from "./language-switch";
import { forgetOfflineCopy } from "./offline-copy";

// The survey closed or the link stopped working: its copy on the device would only mislead.
forgetOfflineCopy();

const button = document.querySelector<HTMLButtonElement>(SWITCH_SELECTOR);
if (button) {
  const { locale, labels } = JSON.parse(button.dataset.languageSwitch!) as { locale: Locale; labels: Record<Locale, SwitchLabels> };
  bindLanguageSwitch(button, locale, labels, () => window.location.reload());
}
