// Error texts in the respondent's language, produced by survey-core itself: the compiler keeps the
// Model it introspected and, the first time a text is needed in a locale, switches that Model to
// the locale and asks the question (requiredErrorText, minErrorText, a validator's error…). Texts
// are cached per locale, so a valid submission never touches the Model.
import type { SurveyModel } from "survey-core";

export type Text = (locale: string) => string;

export class Localizer {
  private readonly cache = new Map<string, string>();
  private nextId = 0;

  constructor(private readonly model: SurveyModel) {}

  /** A text computed by `produce` with the Model in the requested locale. */
  text(produce: () => string): Text {
    const id = this.nextId++;
    return (locale) => {
      const key = `${locale}\u0000${id}`;
      let text = this.cache.get(key);
      if (text === undefined) {
        text = this.inLocale(locale, produce);
        this.cache.set(key, text);
      }
      return text;
    };
  }

  /** Runs `produce` with the Model in `locale` (uncached: for texts that depend on the value). */
  inLocale<T>(locale: string, produce: () => T): T {
    const previous = this.model.locale;
    if (previous !== locale) this.model.locale = locale;
    try {
      return produce();
    } finally {
      if (previous !== locale) this.model.locale = previous;
    }
  }
}
