// Choice codes and their labels (es/en) of the profile and logistics questions, read from the
// SurveyJS definition so that the dashboard's labels follow the survey's own wording.
export interface ChoiceLabel {
  value: string;
  label: { es: string; en: string };
}

function text(value: unknown, fallback: string): { es: string; en: string } {
  if (typeof value === "string") return { es: value, en: value };
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    const es = typeof v.default === "string" ? v.default : typeof v.es === "string" ? v.es : fallback;
    return { es, en: typeof v.en === "string" ? v.en : es };
  }
  return { es: fallback, en: fallback };
}

function findQuestion(node: unknown, name: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findQuestion(item, name);
      if (found) return found;
    }
    return undefined;
  }
  if (!node || typeof node !== "object") return undefined;
  const obj = node as Record<string, unknown>;
  if (obj.name === name && typeof obj.type === "string" && obj.type !== "matrixdropdown") return obj;
  for (const key of ["pages", "elements", "templateElements"]) {
    const found = findQuestion(obj[key], name);
    if (found) return found;
  }
  return undefined;
}

/** The choices of question `name` in definition order; [] when the survey has no such question. */
export function questionChoices(definition: unknown, name: string): ChoiceLabel[] {
  const q = findQuestion(definition, name);
  const choices = Array.isArray(q?.choices) ? q.choices : [];
  return choices.map((c: unknown) => {
    if (c && typeof c === "object") {
      const value = String((c as Record<string, unknown>).value);
      return { value, label: text((c as Record<string, unknown>).text, value) };
    }
    return { value: String(c), label: { es: String(c), en: String(c) } };
  });
}

/** The question's title (for section headings), falling back to its name. */
export function questionTitle(definition: unknown, name: string): { es: string; en: string } {
  return text(findQuestion(definition, name)?.title, name);
}
