"use client";
// The SurveyJS form of one version, rendered as on the fill page (same theme and stylesheets) in
// Spanish or English, without saving anything: finishing it only says that it was a preview.
import { useEffect, useState } from "react";
import { Model, type SurveyModel } from "survey-core";
import "survey-core/i18n/spanish";
import { Survey } from "survey-react-ui";
import "survey-core/survey-core.fontless.min.css";
import "@/lib/surveys/surveyjs-setup";
import type { Locale } from "@/i18n/locales";
import { surveyTheme } from "@/app/s/_fill/survey-theme";
import "@/app/s/_fill/survey-form.css";

interface Labels {
  language: string;
  complete: string;
  completed: string;
  again: string;
  loading: string;
}

const LANGUAGES: { locale: Locale; label: string }[] = [
  { locale: "es", label: "Español" },
  { locale: "en", label: "English" },
];

export function SurveyPreview({ definition, initialLocale, labels }: { definition: object; initialLocale: Locale; labels: Labels }) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [run, setRun] = useState(0);
  const [model, setModel] = useState<SurveyModel | null>(null);
  const [done, setDone] = useState(false);

  // Built in the browser only (SurveyJS reads the window), anew for every "start again".
  // biome-ignore lint/correctness/useExhaustiveDependencies: run is the "start again" counter; the language is applied to the model without rebuilding it
  useEffect(() => {
    const m = new Model(definition);
    m.completeText = labels.complete;
    m.showCompletePage = false;
    m.applyTheme(surveyTheme);
    m.onComplete.add(() => setDone(true));
    setDone(false);
    setModel(m);
    return () => m.dispose();
    // The locale is applied below without rebuilding (a rebuild would lose the answers).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [definition, run]);

  useEffect(() => {
    if (model) model.locale = locale;
  }, [model, locale]);

  return (
    <section className="survey-preview card" data-testid="survey-preview">
      {/* biome-ignore lint/a11y/useSemanticElements: a row of buttons, not a form control group */}
      <div className="actions" role="group" aria-label={labels.language}>
        {LANGUAGES.map((l) => (
          <button
            key={l.locale}
            type="button"
            className={`small ${l.locale === locale ? "" : "secondary"}`}
            aria-pressed={l.locale === locale}
            lang={l.locale}
            onClick={() => setLocale(l.locale)}
          >
            {l.label}
          </button>
        ))}
      </div>
      {done ? (
        <div className="notice ok" role="status">
          <p>{labels.completed}</p>
          <button type="button" onClick={() => setRun((n) => n + 1)}>
            {labels.again}
          </button>
        </div>
      ) : model ? (
        <div className="fill-form" lang={locale}>
          <Survey model={model} />
        </div>
      ) : (
        <p className="muted">{labels.loading}</p>
      )}
    </section>
  );
}
