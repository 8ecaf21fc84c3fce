// The progress indicator of the fill form on a phone: "Página 3 de 6" over a bar with one segment
// per page. SurveyJS's own indicator for progressBarType "pages" is a row of named steps, each at
// least 96 px wide: six of them scroll sideways in a phone's column and cut the names down to
// "Necesi…". survey-form.css shows this one instead whenever SurveyJS lays the survey out for a
// phone, and SurveyJS's steps (made to fit, names in full) on wider screens.
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import type { SurveyModel } from "survey-core";
import type { FormMessages } from "./form-messages";

interface PageProgressProps {
  model: SurveyModel;
  messages: FormMessages["progress"];
}

/** "3/6": the current page's number among the pages shown, a stable snapshot for React. */
function position(model: SurveyModel): string {
  return `${model.currentPageNo + 1}/${model.visiblePageCount}`;
}

export function PageProgress({ model, messages }: PageProgressProps) {
  const root = useRef<HTMLDivElement>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = () => onChange();
      model.onCurrentPageChanged.add(handler);
      model.onPageVisibleChanged.add(handler); // a page shown or hidden by an answer
      return () => {
        model.onCurrentPageChanged.remove(handler);
        model.onPageVisibleChanged.remove(handler);
      };
    },
    [model],
  );
  // After "Siguiente" SurveyJS scrolls the new page's top into view, which leaves this indicator
  // just above the screen: scroll to the indicator instead (only when it is shown, and as SurveyJS
  // does, only when it is above the screen).
  useEffect(() => {
    const onScroll: Parameters<typeof model.onScrollToTop.add>[0] = (_, options) => {
      const el = root.current;
      if (!el || options.element !== model.currentPage || el.getClientRects().length === 0) return;
      options.allow = false;
      if (el.getBoundingClientRect().top < 0) el.scrollIntoView({ block: "start" });
    };
    model.onScrollToTop.add(onScroll);
    return () => model.onScrollToTop.remove(onScroll);
  }, [model]);
  const snapshot = useSyncExternalStore(
    subscribe,
    () => position(model),
    () => position(model),
  );
  const [current, total] = snapshot.split("/").map(Number) as [number, number];
  // Only where SurveyJS shows its page steps at the top: other progress bars already fit.
  if (!model.isShowProgressBarOnTop || model.progressBarType !== "pages" || total < 2 || current < 1) return null;
  const text = messages.position.replace("{current}", String(current)).replace("{total}", String(total));
  return (
    <div className="fill-progress" ref={root}>
      <p className="fill-progress__text">{text}</p>
      {/* The text says it all; the bar repeats it for the eye. */}
      <div className="fill-progress__bar" aria-hidden="true">
        {Array.from({ length: total }, (_, i) => (
          <span key={i} className={i < current ? "fill-progress__done" : undefined} />
        ))}
      </div>
    </div>
  );
}
