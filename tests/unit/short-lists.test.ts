// Which dropdowns the fill page shows as visible choice buttons (one tap, not open-and-pick): those
// outside a matrix that offer a few options at the moment, for any survey in surveys/; a long list
// (26 regions), a list with "other", a matrix's rating cells stay as they are.
import fs from "node:fs";
import path from "node:path";
import { Model, type QuestionDropdownModel } from "survey-core";
import { describe, expect, it } from "vitest";
import { CHOICES_RENDERER, MAX_CHOICE_BUTTONS, showShortListsAsButtons, showsAsButtons } from "@/app/s/_fill/short-lists";

const SURVEYS = path.resolve(__dirname, "../../surveys");
const load = (file: string) => new Model(JSON.parse(fs.readFileSync(path.join(SURVEYS, file), "utf8")));

/** The dropdown questions of a survey, outside matrices. */
function dropdowns(model: Model): QuestionDropdownModel[] {
  return model.getAllQuestions(false, false, false).filter((q) => q.getType() === "dropdown") as QuestionDropdownModel[];
}

describe("short lists as buttons", () => {
  it("marks every dropdown outside a matrix of every survey, and no matrix cell", () => {
    for (const file of fs.readdirSync(SURVEYS).filter((f) => f.endsWith(".json"))) {
      const model = load(file);
      showShortListsAsButtons(model);
      for (const q of dropdowns(model)) expect(q.renderAs, `${file} ${q.name}`).toBe(CHOICES_RENDERER);
      for (const q of model.getAllQuestions(false, false, true).filter((q) => q.getType() === "matrixdropdown")) {
        for (const column of (q as unknown as { columns: { templateQuestion: { renderAs: string } }[] }).columns) {
          expect(column.templateQuestion.renderAs).not.toBe(CHOICES_RENDERER);
        }
      }
    }
  });

  it("shows a list that follows an earlier answer as buttons while its options are few", () => {
    const model = load("dnc-tim.json");
    const lists = dropdowns(model);
    const dependent = lists.find((q) => q.choices.some((c) => c.visibleIf));
    const long = lists.find((q) => q.choices.length > MAX_CHOICE_BUTTONS && !q.choices.some((c) => c.visibleIf));
    if (!dependent || !long) throw new Error("dnc-tim.json has a list that follows an answer and a long list");
    const trigger = dependent.visibleIf.match(/\{(\w+)\}/)![1]!;
    const triggerValues = (model.getQuestionByName(trigger) as QuestionDropdownModel).choices.map((c) => c.value);
    let shown = 0;
    for (const value of triggerValues) {
      model.setValue(trigger, value);
      if (!dependent.isVisible) continue;
      shown++;
      expect(dependent.visibleChoices.length).toBeGreaterThan(0);
      expect(showsAsButtons(dependent), String(value)).toBe(dependent.visibleChoices.length <= MAX_CHOICE_BUTTONS);
    }
    expect(shown).toBeGreaterThan(0);
    expect(showsAsButtons(long)).toBe(false); // the regions: a searchable list
  });

  it("leaves a list with an 'other' or 'none' option, or with none to show, a dropdown", () => {
    const few = [{ value: "a" }, { value: "b" }];
    expect(showsAsButtons({ visibleChoices: few, showOtherItem: false, showNoneItem: false } as never)).toBe(true);
    expect(showsAsButtons({ visibleChoices: few, showOtherItem: true, showNoneItem: false } as never)).toBe(false);
    expect(showsAsButtons({ visibleChoices: few, showOtherItem: false, showNoneItem: true } as never)).toBe(false);
    expect(showsAsButtons({ visibleChoices: [], showOtherItem: false, showNoneItem: false } as never)).toBe(false);
  });
});
