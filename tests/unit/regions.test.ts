import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isRegionCode, PERU_REGIONS, regionLabel } from "@/lib/units/regions";

type Choice = { value: string; text: { default: string; en: string } };

function surveyRegionChoices(): Choice[] {
  const survey = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../surveys/dnc-tim.json"), "utf8"));
  let found: Choice[] | undefined;
  const walk = (els: unknown) => {
    for (const el of (Array.isArray(els) ? els : []) as Record<string, unknown>[]) {
      if (el.name === "region") found = el.choices as Choice[];
      walk(el.elements);
    }
  };
  for (const page of survey.pages) walk(page.elements);
  if (!found) throw new Error("region question not found");
  return found;
}

describe("regions of Peru", () => {
  it("are exactly the 26 codes and labels of the survey's region question, in its order", () => {
    const choices = surveyRegionChoices();
    expect(PERU_REGIONS).toHaveLength(26);
    expect(PERU_REGIONS.map((r) => ({ value: r.code, text: { default: r.es, en: r.en } }))).toEqual(choices);
  });

  it("recognise codes and give labels", () => {
    expect(isRegionCode("PE-LMA")).toBe(true);
    expect(isRegionCode("pe-lma")).toBe(false);
    expect(isRegionCode("PE-XXX")).toBe(false);
    expect(regionLabel("PE-LMA", "en")).toBe("Metropolitan Lima");
    expect(regionLabel("PE-ANC", "es")).toBe("Áncash");
    expect(regionLabel("??", "es")).toBe("??");
  });
});
