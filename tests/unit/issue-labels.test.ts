import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Model } from "survey-core";
import "@/lib/surveys/surveyjs-setup";
import { labelIssues } from "@/lib/fill/issue-labels";
import { newUuid } from "@/lib/codes/new-uuid";

const definition = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../surveys/dnc-tim.json"), "utf8"));

describe("labelIssues", () => {
  it("names questions and matrix cells as the respondent sees them, in their language", () => {
    const model = new Model(definition);
    model.locale = "es";
    const issues = [
      { key: "necesidades.T07.importancia", reason: "invalid", message: "Responda esta pregunta." },
      { key: "capacitacion_tim_horas", reason: "wrong_type", message: "expected a number, got string" },
      { key: "unit", reason: "unknown_unit", message: "unknown or inactive unit code" },
    ];
    expect(labelIssues(model, issues, "Revise esta respuesta.")).toEqual([
      {
        key: "necesidades.T07.importancia",
        question: "necesidades",
        label: "Detección de documentos fraudulentos e impostores › Importancia para sus funciones",
        message: "Responda esta pregunta.",
      },
      {
        key: "capacitacion_tim_horas",
        question: "capacitacion_tim_horas",
        label: expect.stringMatching(/horas/i),
        message: "Revise esta respuesta.",
      },
      { key: "unit", question: null, label: "unit", message: "Revise esta respuesta." },
    ]);
    model.locale = "en";
    const [cell] = labelIssues(model, issues.slice(0, 1), "Please check this answer.");
    expect(cell?.label).toBe("Detecting fraudulent documents and impostors › Importance for your duties");
  });
});

describe("newUuid", () => {
  it("makes v4 UUIDs the API accepts, also without crypto.randomUUID (plain http)", () => {
    const pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newUuid()).toMatch(pattern);
    const insecure = { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) };
    const ids = new Set(Array.from({ length: 50 }, () => newUuid(insecure)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(pattern);
  });
});
