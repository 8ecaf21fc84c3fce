// SurveyJS strings are either plain strings or { default, es, en, … } objects; our definitions keep
// Spanish in "default". This turns any of them into the two languages the product speaks.
export type LocalizedText = { es: string; en: string };

export function localizedText(value: unknown, fallbackEs = "", fallbackEn = fallbackEs): LocalizedText {
  if (typeof value === "string") return { es: value, en: value };
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    const es = typeof v.es === "string" ? v.es : typeof v.default === "string" ? v.default : undefined;
    const en = typeof v.en === "string" ? v.en : es;
    return { es: es ?? fallbackEs, en: en ?? fallbackEn };
  }
  return { es: fallbackEs, en: fallbackEn };
}
