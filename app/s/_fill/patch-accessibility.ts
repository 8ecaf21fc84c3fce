// Two gaps in what SurveyJS 3.0 tells assistive technology, patched in the rendered form (also as
// SurveyJS renders new elements: page changes, rows appearing, a language switch).
// - Inside every dropdown whose search is off it renders a read-only text input with no role and
//   no label: the combobox is its wrapper, the input only shows the placeholder. Screen readers
//   (and axe, as a critical "label" violation) see an unlabelled form field, once per cell of the
//   18-topic matrix: hidden from assistive technology.
// - A page's title is a plain div: a screen reader cannot jump to "Necesidades de capacitación"
//   by heading. It becomes a level-2 heading, under the survey's h1.
// And one gap in what it lets a keyboard do: on a touch screen a dropdown's list opens as a sheet
// with the focus on its items (the arrows move it along them), but Enter or Space on an item does
// nothing (SurveyJS's key-to-click handler on the item never clicks it there), so the list can be
// closed (Escape, which returns the focus to the dropdown) but nothing can be chosen from it.
// Enter and Space on a focused item choose it as a tap would; SurveyJS then closes the sheet and
// the focus is back on the dropdown.
const DECORATIVE_INPUT = "input.sd-dropdown__filter-string-input:not([role]):not([aria-label]):not([aria-labelledby]):not([aria-hidden])";
const PAGE_TITLE = ".sd-page__title:not([role])";
const SHEET_ITEM = ".sv-popup li[role=option]";

/** Enter or Space on a list item that has the focus: the tap it stands for. */
function chooseFocusedItem(e: KeyboardEvent): void {
  if (e.key !== "Enter" && e.key !== " ") return;
  const item = e.target instanceof HTMLElement && e.target.matches(SHEET_ITEM) ? e.target : null;
  if (!item) return;
  e.preventDefault();
  e.stopPropagation(); // SurveyJS's own handler would not click it, and must not click it twice
  item.click();
}

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
  // Capture phase: before the event reaches the item (and React's handlers for it).
  root.addEventListener("keydown", chooseFocusedItem, true);
  return () => {
    observer.disconnect();
    root.removeEventListener("keydown", chooseFocusedItem, true);
  };
}
