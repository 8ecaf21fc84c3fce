// Rating cells of a matrix as a visible scale: one row of tap targets (1 … 5, or whatever the
// survey declares) with the meaning of both ends under it and the chosen value spelled out,
// instead of a dropdown to open, scroll and pick from. Rendering only: the cell is still
// SurveyJS's dropdown question with the same choices, so the value, the validation and the data
// keys are exactly those of the dropdown. Native radio buttons, so the keyboard works as
// everywhere: Tab into a scale and out of it, arrows move along it.
import type { ItemValue, QuestionDropdownModel, SurveyModel } from "survey-core";
import { RendererFactory } from "survey-core";
import { ReactQuestionFactory, SurveyQuestionElementBase } from "survey-react-ui";
import { endLabel, SCALE_RENDERER } from "./scale-cells";

class RatingScale extends SurveyQuestionElementBase {
  private get scale(): QuestionDropdownModel {
    return this.questionBase as QuestionDropdownModel;
  }

  private get survey(): SurveyModel | undefined {
    return (this.scale.survey as SurveyModel | null) ?? undefined;
  }

  componentDidMount(): void {
    super.componentDidMount();
    // The end labels are cut out of the choices' texts: redraw them in the new language.
    this.survey?.onLocaleChangedEvent.add(this.relabel);
  }

  componentWillUnmount(): void {
    this.survey?.onLocaleChangedEvent.remove(this.relabel);
    super.componentWillUnmount();
  }

  private readonly relabel = (): void => this.forceUpdate();

  protected renderElement(): React.JSX.Element {
    const q = this.scale;
    const choices: ItemValue[] = q.visibleChoices;
    const selected = choices.find((c) => c.value === q.value);
    const first = choices[0];
    const last = choices[choices.length - 1];
    const disabled = q.isInputReadOnly;
    return (
      <fieldset
        className="sondeo-scale"
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a fieldset of radio buttons announced as one radiogroup, as SurveyJS's own rating does
        role="radiogroup"
        aria-label={q.a11y_input_ariaLabel ?? undefined}
        aria-required={q.a11y_input_ariaRequired}
        aria-invalid={q.a11y_input_ariaInvalid}
        aria-errormessage={q.a11y_input_ariaErrormessage}
        style={{ "--scale-steps": choices.length } as React.CSSProperties}
      >
        <div className="sondeo-scale__options">
          {choices.map((c) => (
            <label key={String(c.value)} className={c === selected ? "sondeo-scale__option sondeo-scale__option--checked" : "sondeo-scale__option"}>
              <input
                type="radio"
                className="sondeo-scale__input"
                name={q.questionName}
                value={String(c.value)}
                checked={c === selected}
                disabled={disabled}
                aria-label={c.text}
                onChange={() => {
                  if (!disabled) q.value = c.value;
                }}
              />
              <span aria-hidden="true">{String(c.value)}</span>
            </label>
          ))}
        </div>
        {/* For the eye: a screen reader reads each option's whole text instead. */}
        <div className="sondeo-scale__ends" aria-hidden="true">
          <span>{first ? endLabel(first) : ""}</span>
          <span>{last && last !== first ? endLabel(last) : ""}</span>
        </div>
        <p className="sondeo-scale__selected" aria-hidden="true">
          {selected ? selected.text : ""}
        </p>
      </fieldset>
    );
  }
}

/** Registered once, when the fill form's script loads: scale-cells.ts marks the cells that use it. */
// (Typed as taking a name, but SurveyJS calls it with the question's props.)
ReactQuestionFactory.Instance.registerQuestion(SCALE_RENDERER, (props) => <RatingScale {...(props as unknown as object)} />);
RendererFactory.Instance.registerRenderer("dropdown", SCALE_RENDERER, SCALE_RENDERER);
