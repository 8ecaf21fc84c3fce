// Which dropdowns show their options as visible choice buttons instead of a list to open: a
// single-choice question outside a matrix whose visible options are few (at most
// MAX_CHOICE_BUTTONS, e.g. DNC-TIM's units of the chosen institution, 3 to 5 of them). One
// tap instead of open-and-pick; a long list (26 regions) stays a searchable dropdown. Decided as
// the form renders, since a question's visible options may follow an earlier answer. Rendering
// only (choice-buttons.tsx): the question, its value, its validation and its data key are those
// of the dropdown.
import type { QuestionDropdownModel, SurveyModel } from "survey-core";

/** The renderer choice-buttons.tsx registers for dropdown questions. */
export const CHOICES_RENDERER = "sondeo-choices";
export const MAX_CHOICE_BUTTONS = 6;

/** Whether the question shows as buttons now (else as its dropdown). */
export function showsAsButtons(q: Pick<QuestionDropdownModel, "visibleChoices" | "showOtherItem" | "showNoneItem">): boolean {
  const n = q.visibleChoices.length;
  // "Other" asks for a text next to it, which the dropdown lays out: left as it is.
  return n > 0 && n <= MAX_CHOICE_BUTTONS && !q.showOtherItem && !q.showNoneItem;
}

/** Gives every dropdown question of `model` (outside matrices) the choice-buttons renderer. */
export function showShortListsAsButtons(model: SurveyModel): void {
  for (const q of model.getAllQuestions(false, false, false)) {
    if (q.getType() === "dropdown") q.renderAs = CHOICES_RENDERER;
  }
}
