// Two gaps in what SurveyJS 3.0 tells assistive technology, patched in the rendered form (also as
// SurveyJS renders new elements: page changes, rows appearing, a language switch).
// - Inside every dropdown whose search is off it renders a read-only text input with no role and
//   no label: the combobox is its wrapper, the input only shows the placeholder. Screen readers
//   (and axe, as a critical "label" violation) see an unlabelled form field, once per cell of the
//   18-topic matrix: hidden from assistive technology.
// - A page's title is a plain div: a screen reader cannot jump to "Necesidades de capacitación"
//   by heading. It becomes a level-2 heading, under the survey's h1.
const DECORATIVE_INPUT =
  "input.sd-dropdown__filter-string-input:not([role]):not([aria-label]):not([aria-labelledby]):not([aria-hidden])";
const PAGE_TITLE = ".sd-page__title:not([role])";

export function patchAccessibility(root: HTMLElement): () => void {
  const patch = () => {
    for (const input of root.querySelectorAll(DECORATIVE_INPUT)) input.setAttribute("aria-hidden", "true");
    for (const title of root.querySelectorAll(PAGE_TITLE)) {
      title.setAttribute("role", "heading");
      title.setAttribute("aria-level", "2");
    }
  };
  patch();
  const observer = new MutationObserver(patch);
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
