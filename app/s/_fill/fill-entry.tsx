// Browser entry of the fill page (bundled by scripts/build-respondent-assets.ts): mounts the fill
// form over the server-rendered introduction, makes the language switch change the header and
// the form at once, and keeps the page as parsed for the device's offline copy.
import { createRoot } from "react-dom/client";
import type { Locale } from "@/i18n/locales";
import { FILL_PROPS_ID, FILL_ROOT_ID, type FillPageProps } from "./fill-page-props";
import { bindLanguageSwitch, LOCALE_EVENT, SWITCH_SELECTOR, type SwitchLabels } from "./language-switch";
import { keepOfflineCopy, offlineCopySavedAt, snapshotPage } from "./offline-copy";
import { SurveyForm } from "./survey-form";

// Before anything below changes the page.
const snapshot = snapshotPage();
const props = JSON.parse(document.getElementById(FILL_PROPS_ID)!.textContent!) as FillPageProps;

const button = document.querySelector<HTMLButtonElement>(SWITCH_SELECTOR);
if (button) {
  const { labels } = JSON.parse(button.dataset.languageSwitch!) as { labels: Record<Locale, SwitchLabels> };
  bindLanguageSwitch(button, props.locale, labels, (next) => {
    const header = props.header[next];
    document.title = header.documentTitle;
    const title = document.querySelector(".fill-header h1");
    if (title) title.textContent = header.title;
    const subtitle = document.querySelector<HTMLElement>(".fill-header .fill-subtitle");
    if (subtitle) {
      subtitle.textContent = header.description;
      subtitle.hidden = !header.description;
    }
    window.dispatchEvent(new CustomEvent<Locale>(LOCALE_EVENT, { detail: next }));
  });
}

const offline = { copySavedAt: offlineCopySavedAt(), keep: (unit: string | null) => keepOfflineCopy(snapshot, props, unit) };
createRoot(document.getElementById(FILL_ROOT_ID)!).render(<SurveyForm {...props} offline={offline} />);
