// What the server hands the fill page's script, as JSON in <script type="application/json"
// id="fill-props">: the survey, the link it was opened with, and the texts in both languages (the
// language switch changes the page at once, without a round trip).
import type { Locale } from "@/i18n/locales";
import type { FormMessages } from "./form-messages";

export const FILL_PROPS_ID = "fill-props";
export const FILL_ROOT_ID = "fill-root";

export interface FillPageProps {
  definition: Record<string, unknown>;
  slug: string;
  /** The definition's version (a hash of its content), as the server records it with each response. */
  version: string;
  /** Link code of the unit from ?u= (already validated by the server). */
  unit: string | null;
  /** Resume code from ?r=. */
  resumeCode: string | null;
  locale: Locale;
  messages: Record<Locale, FormMessages>;
  /** The server-rendered header, in each language. */
  header: Record<Locale, { documentTitle: string; title: string; description: string }>;
}
