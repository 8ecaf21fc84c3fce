// Which matrix cells the fill page shows as visible scales, and the end labels it writes under
// them: any survey's short runs of whole numbers (1–4, 1–5, 1–7, 0–10), never anything else.
import { describe, expect, it } from "vitest";
import { endLabel, scaleCellChoices } from "@/app/s/_fill/scale-cells";

type Choices = Parameters<typeof scaleCellChoices>[0]["visibleChoices"];
const cellOf = (values: unknown[]) => ({ visibleChoices: values.map((value) => ({ value, text: String(value) })) as unknown as Choices });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("scaleCellChoices", () => {
  it("takes the declared scales of the surveys in surveys/ and of other organisations", () => {
    for (const values of [range(1, 5), range(1, 4), range(1, 7), range(0, 10), [1, 2]]) {
      expect(
        scaleCellChoices(cellOf(values))?.map((c) => c.value),
        values.join(","),
      ).toEqual(values);
    }
  });

  it("leaves every other dropdown a dropdown", () => {
    for (const values of [[1], range(1, 12), ["1", "2", "3"], [1, 2, "other"], [1, 2.5, 3], [3, 2, 1], [1, 1, 2], ["a", "b"], []]) {
      expect(scaleCellChoices(cellOf(values)), JSON.stringify(values)).toBeUndefined();
    }
  });
});

describe("endLabel", () => {
  it("is the option's meaning without its number, in any language", () => {
    expect(endLabel({ value: 1, text: "1 – Nada importante" })).toBe("Nada importante");
    expect(endLabel({ value: 5, text: "5 - Very important" })).toBe("Very important");
    expect(endLabel({ value: 7, text: "7. Totalmente de acuerdo" })).toBe("Totalmente de acuerdo");
    expect(endLabel({ value: 4, text: "Excelente" })).toBe("Excelente");
  });

  it("is empty when the option is only its number", () => {
    expect(endLabel({ value: 1, text: "1" })).toBe("");
    expect(endLabel({ value: 10, text: "10" })).toBe("");
    expect(endLabel({ value: 1, text: "10" })).toBe("");
  });
});
