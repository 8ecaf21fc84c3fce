// SurveyJS 3.0 renders, inside every dropdown whose search is off, a read-only text input with
// no role and no label: the combobox is its wrapper, the input only shows the placeholder. Screen
// readers (and axe, as a critical "label" violation) see an unlabelled form field, once per cell
// of the 18-topic matrix. Hide those inputs from assistive technology, also as SurveyJS renders
// new ones (page changes, rows appearing).
const SELECTOR = "input.sd-dropdown__filter-string-input:not([role]):not([aria-label]):not([aria-labelledby]):not([aria-hidden])";

export function hideDecorativeInputs(root: HTMLElement): () => void {
  const patch = () => {
    for (const input of root.querySelectorAll<HTMLInputElement>(SELECTOR)) input.setAttribute("aria-hidden", "true");
  };
  patch();
  const observer = new MutationObserver(patch);
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
