// A plain server-rendered message in place of the form (survey closed, link not valid), with the
// survey's title and the language switch so the person can read it in either language.
import "./fill.css";
import { messagesFor } from "@/i18n/messages";
import { LanguageSwitch, type Locale } from "./language-switch";

export interface NoticeProps {
  locale: Locale;
  surveyTitle: string;
  heading: string;
  body: string;
  children?: React.ReactNode;
}

export function switchLabels() {
  return { es: messagesFor("es").common, en: messagesFor("en").common };
}

export function Notice({ locale, surveyTitle, heading, body, children }: NoticeProps) {
  return (
    <main className="fill-page">
      <header className="fill-header">
        <p className="fill-survey-name">{surveyTitle}</p>
        <LanguageSwitch locale={locale} labels={switchLabels()} />
      </header>
      <section className="fill-notice">
        <h1>{heading}</h1>
        <p>{body}</p>
        {children}
      </section>
    </main>
  );
}
