// A short dropdown (short-lists.ts) as a group of visible radio buttons, drawn as SurveyJS draws
// a radiogroup (its classes, so it looks like the questions around it); when the options are many
// (or an earlier answer makes them many) SurveyJS's own dropdown is rendered instead. Native radio
// buttons: Tab into the group, arrows move along it, as in every other group of the form.
import type { QuestionDropdownModel } from "survey-core";
import { RendererFactory } from "survey-core";
import { ReactQuestionFactory, SurveyQuestionElementBase } from "survey-react-ui";
import { CHOICES_RENDERER, showsAsButtons } from "./short-lists";

/** The id q.focus() looks for (protected in the typings; `inputId`, or `inputId_0` with search on). */
const focusId = (q: QuestionDropdownModel): string => (q as unknown as { getFirstInputElementId(): string }).getFirstInputElementId();

class ChoiceButtons extends SurveyQuestionElementBase {
  private get list(): QuestionDropdownModel {
    return this.questionBase as QuestionDropdownModel;
  }

  protected renderElement(): React.JSX.Element {
    const q = this.list;
    if (!showsAsButtons(q)) {
      return ReactQuestionFactory.Instance.createQuestion("dropdown", this.props as never) ?? <></>;
    }
    const disabled = q.isInputReadOnly;
    const onError = q.errors.length > 0;
    return (
      <div
        className="sd-selectbase"
        role="radiogroup"
        aria-required={q.a11y_input_ariaRequired}
        aria-label={q.a11y_input_ariaLabel ?? undefined}
        aria-labelledby={q.a11y_input_ariaLabelledBy ?? undefined}
        aria-describedby={q.a11y_input_ariaDescribedBy ?? undefined}
        aria-invalid={q.a11y_input_ariaInvalid}
        aria-errormessage={q.a11y_input_ariaErrormessage ?? undefined}
      >
        {q.visibleChoices.map((c, i) => {
          const checked = c.value === q.value;
          const item = [
            "sd-item sd-radio sd-selectbase__item",
            checked && "sd-item--checked sd-radio--checked",
            !disabled && "sd-item--allowhover sd-radio--allowhover",
            disabled && "sd-item--disabled sd-radio--disabled",
            onError && "sd-item--error",
          ];
          return (
            <div key={String(c.value)} className={item.filter(Boolean).join(" ")} role="presentation">
              <label className="sd-selectbase__label">
                <input
                  className="sd-visuallyhidden sd-item__control sd-radio__control"
                  // The first one carries the id SurveyJS focuses for the question (an error, "go to").
                  id={i === 0 ? focusId(q) : `${q.inputId}_${i}`}
                  type="radio"
                  name={q.questionName}
                  value={String(c.value)}
                  checked={checked}
                  disabled={disabled}
                  onChange={() => {
                    if (!disabled) q.value = c.value;
                  }}
                />
                <span className="sd-item__decorator sd-radio__decorator">
                  <svg className="sd-item__svg sd-radio__svg" aria-hidden="true">
                    <use xlinkHref="#icon-radio-16x16" />
                  </svg>
                </span>
                <span className="sd-item__control-label">{this.renderLocString(c.locText)}</span>
              </label>
            </div>
          );
        })}
      </div>
    );
  }
}

/** Registered once, when the fill form's script loads: short-lists.ts marks the questions that use it. */
// (Typed as taking a name, but SurveyJS calls it with the question's props.)
ReactQuestionFactory.Instance.registerQuestion(CHOICES_RENDERER, (props) => <ChoiceButtons {...(props as unknown as object)} />);
RendererFactory.Instance.registerRenderer("dropdown", CHOICES_RENDERER, CHOICES_RENDERER);
