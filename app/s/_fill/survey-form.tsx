// The fill form: SurveyJS in the browser, with the save status, the resume code and the
// server's objections around it. Mounted by fill-entry.tsx over the server-rendered introduction;
// its styles are survey.css, linked by the page.
import { memo, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { SurveyModel } from "survey-core";
import { Survey } from "survey-react-ui";
import { FillController } from "./fill-controller";
import type { FillPageProps } from "./fill-page-props";
import type { Locale } from "@/i18n/locales";
import type { FillState } from "./fill-state";
import type { FormMessages } from "./form-messages";
import type { OfflineSupport } from "./offline-copy";
import { patchAccessibility } from "./patch-accessibility";
import { LOCALE_EVENT } from "./language-switch";
import { PageProgress } from "./page-progress";
import "./choice-buttons";
import "./rating-scale";
import { ResumeCodeBox } from "./resume-code-box";

export interface SurveyFormProps extends Omit<FillPageProps, "header"> {
  offline: {
    /** When this page is the device's copy (served by the service worker offline), when it was saved. */
    copySavedAt: string | null;
    /** Keeps this page on the device for the given unit link (offline-copy.ts). */
    keep: (unit: string | null) => Promise<OfflineSupport>;
  };
}

/** Leaves ?r= behind once the code has been used, keeping the unit link in the address. */
function replaceQuery(unit: string | null): void {
  const url = new URL(window.location.href);
  url.searchParams.delete("r");
  if (unit) url.searchParams.set("u", unit);
  window.history.replaceState(window.history.state, "", url);
}

export function SurveyForm(props: SurveyFormProps) {
  const { definition, slug, version, unit, resumeCode, messages, offline } = props;
  const [controller, setController] = useState<FillController | null>(null);
  const [locale, setLocale] = useState<Locale>(props.locale);
  const [offlineSupport, setOfflineSupport] = useState<OfflineSupport>("unsupported");

  // biome-ignore lint/correctness/useExhaustiveDependencies: one controller for the page's life; its later changes (language, offline state) go through its own methods
  useEffect(() => {
    const c = new FillController({
      definition,
      slug,
      version,
      unit,
      resumeCode,
      locale,
      offlineCopy: offline.copySavedAt !== null,
      texts: {
        es: { submit: messages.es.submit.button, issueFallback: messages.es.submit.fallback },
        en: { submit: messages.en.submit.button, issueFallback: messages.en.submit.fallback },
      },
      onDone: () => window.location.replace(`/s/${encodeURIComponent(slug)}/gracias`),
      onResumed: replaceQuery,
    });
    setController(c);
    void c.start();
    return () => c.dispose();
    // One model per page visit: later prop changes (a refresh after a language switch) must
    // not rebuild it and lose what is on screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Once the form is up (and a resume code has said which unit link this is), keep the page on
  // the device; a page that is already the device's copy has nothing to add.
  useEffect(() => {
    if (!controller || offline.copySavedAt !== null) return;
    let asked = false;
    const keep = () => void offline.keep(controller.unit).then(setOfflineSupport);
    const check = () => {
      if (asked || controller.getState().phase.kind !== "filling") return;
      asked = true;
      if (document.readyState === "complete") keep();
      else window.addEventListener("load", keep, { once: true });
    };
    check();
    return controller.subscribe(check);
  }, [controller, offline]);

  useEffect(() => {
    const onLocale = (e: Event) => {
      const next = (e as CustomEvent<Locale>).detail;
      setLocale(next);
      controller?.setLocale(next);
    };
    window.addEventListener(LOCALE_EVENT, onLocale);
    return () => window.removeEventListener(LOCALE_EVENT, onLocale);
  }, [controller]);

  if (!controller) return null;
  return (
    <FillView
      controller={controller}
      messages={messages[locale]}
      slug={slug}
      offline={offlineSupport}
      onStartFresh={() => {
        replaceQuery(null);
        void controller.startFresh();
      }}
    />
  );
}

/** The SurveyJS form, kept out of re-renders of the status line (which would close its popups). */
const SurveyView = memo(function SurveyView({ model }: { model: SurveyModel }) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => (root.current ? patchAccessibility(root.current) : undefined), []);
  return (
    <div ref={root}>
      <Survey model={model} />
    </div>
  );
});

function statusText(s: FillState, m: FormMessages): string {
  if (s.phase.kind === "submitting") {
    if (s.phase.retry === "network") return m.submit.offline;
    if (s.phase.retry === "server") return m.submit.retrying;
    return m.submit.sending;
  }
  if (s.phase.kind === "loading") return m.resume.loading;
  return s.saveStatus === "idle" ? "" : m.status[s.saveStatus];
}

interface FillViewProps {
  controller: FillController;
  messages: FormMessages;
  slug: string;
  /** "ready": this page will open again without a connection (a copy is always "unsupported"). */
  offline: OfflineSupport;
  onStartFresh: () => void;
}

function FillView({ controller, messages: m, slug, offline, onStartFresh }: FillViewProps) {
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);
  const { phase } = state;
  const showForm = phase.kind === "filling" || phase.kind === "submitting";
  return (
    <div className="fill-form">
      {phase.kind === "resume_error" && (
        <div className="fill-alert" role="alert">
          <p>{phase.reason === "not_found" ? m.resume.notFound : phase.reason === "too_many" ? m.resume.tooMany : m.resume.unavailable}</p>
          <p className="fill-actions">
            {phase.reason === "unavailable" && (
              <button type="button" onClick={() => void controller.retryResume()}>
                {m.resume.retry}
              </button>
            )}
            <button type="button" className="secondary" onClick={onStartFresh}>
              {m.resume.startFresh}
            </button>
          </p>
        </div>
      )}
      {state.issues.length > 0 && (
        <div className="fill-alert" role="alert">
          <p>{m.submit.invalidTitle}</p>
          <ul>
            {state.issues.map((issue) => (
              <li key={issue.key}>
                {issue.question ? (
                  <button type="button" className="link-button" onClick={() => controller.focusQuestion(issue.question!)}>
                    {issue.label}
                  </button>
                ) : (
                  issue.label
                )}
                : {issue.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.unconfirmedCopy && <p className="fill-offline fill-offline--copy">{m.offline.copy}</p>}
      {state.submitError && (
        <div className="fill-alert" role="alert">
          <p>{state.submitError === "closed" ? m.status.closed : m.submit.failed}</p>
        </div>
      )}
      {/* Above the form, where SurveyJS's steps are: shown instead of them on a phone. */}
      {showForm && <PageProgress model={controller.model} messages={m.progress} />}
      {showForm && <SurveyView model={controller.model} />}
      {/* Sticky above the status line: the person may be anywhere in a long page when it happens. */}
      {state.surveyChanged && (
        <div className="fill-alert fill-alert--sticky" role="alert">
          <p>{m.offline.changed}</p>
          <p className="fill-actions">
            <button type="button" onClick={() => window.location.reload()}>
              {m.offline.reload}
            </button>
          </p>
        </div>
      )}
      {/* After the form and sticky to the bottom of the screen: seen next to the buttons. */}
      <p className="fill-status" role="status" aria-live="polite">
        {statusText(state, m)}
      </p>
      {phase.kind === "done" && <p className="fill-done">{m.thanks.title}</p>}
      {showForm && state.resumeCode && <ResumeCodeBox code={state.resumeCode} slug={slug} messages={m.resume} />}
      {showForm && offline === "ready" && <p className="fill-offline">{m.offline.ready}</p>}
    </div>
  );
}
