// The needs declaration (`needsAssessment`): what a survey of another organisation may declare, and
// every way a declaration can be wrong, refused with a message that names the problem.
import { Model, Serializer } from "survey-core";
import { describe, expect, it } from "vitest";
import "@/lib/surveys/surveyjs-setup";
import { needsContext } from "@/lib/needs/survey-context";
import { buildEntry, SurveyDefinitionError, type SurveyJson } from "@/surveys/registry";

type Json = Record<string, unknown>;

/** A labour-inspection style survey: 1–4 scale, breakdowns "ministerio" and "provincia", no region. */
function survey(needs: Json | undefined, matrix: Json = {}): SurveyJson {
  const scale = [1, 2, 3, 4].map((v) => ({ value: v, text: { default: `${v} – nivel`, en: `${v} – level` } }));
  return {
    title: { default: "Diagnóstico de capacitación – Inspección del trabajo", en: "Training needs – labour inspection" },
    ...(needs ? { needsAssessment: needs } : {}),
    pages: [
      {
        name: "p1",
        elements: [
          { type: "dropdown", name: "ministerio", title: { default: "Ministerio", en: "Ministry" }, choices: ["trabajo", "salud"] },
          {
            type: "radiogroup",
            name: "provincia",
            title: "Provincia",
            choices: [
              { value: "lima", text: "Lima" },
              { value: "cusco", text: "Cusco" },
            ],
          },
          { type: "boolean", name: "jefatura", title: "¿Tiene personal a cargo?" },
          { type: "checkbox", name: "idiomas", choices: ["es", "qu"] },
          { type: "comment", name: "comentario" },
          { type: "text", name: "edad", inputType: "number" },
          {
            type: "matrixdropdown",
            name: "temas",
            columns: [
              { name: "relevancia", cellType: "radiogroup", choices: scale },
              { name: "nivel", cellType: "radiogroup", choices: scale },
              { name: "na", cellType: "boolean" },
            ],
            rows: [
              { value: "L01", text: { default: "Inspección de seguridad y salud", en: "Safety and health inspection" } },
              { value: "L02", text: "Trabajo infantil" },
            ],
            ...matrix,
          },
        ],
      },
    ],
  };
}

const VALID = { matrix: "temas", importance: "relevancia", competence: "nivel", breakdowns: ["ministerio", "provincia", "unit"] };

function problems(definition: SurveyJson): string[] {
  try {
    buildEntry(definition, "inspeccion");
  } catch (err) {
    if (err instanceof SurveyDefinitionError) return err.problems.map((p) => p.en);
    throw err;
  }
  return [];
}

describe("needs declaration", () => {
  it("reads another organisation's survey: its topics, its 1–4 scale, its breakdowns, open questions by default", () => {
    const entry = buildEntry(survey(VALID), "inspeccion");
    const needs = entry.needs;
    expect(needs?.topics).toEqual([
      { code: "L01", title: { es: "Inspección de seguridad y salud", en: "Safety and health inspection" } },
      { code: "L02", title: { es: "Trabajo infantil", en: "Trabajo infantil" } },
    ]);
    expect(needs?.scale).toMatchObject({ values: [1, 2, 3, 4], min: 1, max: 4 });
    expect(needs?.breakdowns.map((b) => [b.name, b.kind, b.choices.map((c) => c.value)])).toEqual([
      ["ministerio", "question", ["trabajo", "salud"]],
      ["provincia", "question", ["lima", "cusco"]],
      ["unit", "unit", []],
    ]);
    expect(needs?.notApplicable).toBeNull();
    expect(needs?.openQuestions.map((q) => q.name)).toEqual(["comentario"]);
    expect(needs?.minGroupSize).toBeNull();
  });

  it("accepts a boolean breakdown, a not-applicable column, a rating scale 1–7 and its own k", () => {
    const rating = { cellType: "rating", rateMin: 1, rateMax: 7 };
    const entry = buildEntry(
      survey(
        { ...VALID, notApplicable: "na", breakdowns: ["jefatura"], minGroupSize: 8, openQuestions: [] },
        {
          columns: [
            { name: "relevancia", ...rating },
            { name: "nivel", ...rating },
            { name: "na", cellType: "boolean" },
          ],
        },
      ),
      "inspeccion",
    );
    expect(entry.needs?.scale.values).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(entry.needs?.breakdowns[0]?.choices.map((c) => c.value)).toEqual(["true", "false"]);
    expect(entry.needs?.notApplicable).toBe("na");
    expect(entry.needs?.minGroupSize).toBe(8);
    // k of this survey: its own, not SONDEO_MIN_GROUP_SIZE (5 by default); without one, the variable's.
    expect(needsContext(entry).k).toBe(8);
    expect(needsContext(buildEntry(survey(VALID), "inspeccion")).k).toBe(5);
    expect(entry.needs?.openQuestions).toEqual([]);
  });

  it("is kept by survey-core (registered with the Serializer), so SurveyJS editors keep it", () => {
    expect(Serializer.findProperty("survey", "needsAssessment")).toBeTruthy();
    const model = new Model(survey(VALID));
    expect(model.jsonErrors ?? []).toEqual([]);
    expect((model.toJSON() as Json).needsAssessment).toEqual(VALID);
  });

  it("a survey without it has no needs analysis", () => {
    expect(buildEntry(survey(undefined), "inspeccion").needs).toBeUndefined();
  });

  it("refuses a declaration naming a missing question, with the name", () => {
    expect(problems(survey({ ...VALID, matrix: "necesidades" }))).toEqual([`The matrix "necesidades" is not a question of the survey.`]);
    expect(problems(survey({ ...VALID, breakdowns: ["ministerio", "region"] }))).toEqual([`The breakdown "region" is not a question of the survey.`]);
    expect(problems(survey({ ...VALID, openQuestions: ["sugerencias"] }))).toEqual([`The open question "sugerencias" does not exist.`]);
  });

  it("refuses a matrix without the two rating columns", () => {
    expect(problems(survey({ ...VALID, competence: "dominio" }))).toEqual([`The matrix "temas" has no column "dominio" (competence).`]);
    expect(problems(survey({ ...VALID, matrix: "ministerio" }))).toEqual([
      `The matrix "ministerio" must be a matrixdropdown question (it is dropdown).`,
    ]);
    expect(problems(survey({ ...VALID, notApplicable: "no_aplica" }))).toEqual([`The matrix "temas" has no column "no_aplica" (not applicable).`]);
    expect(problems(survey({ matrix: "temas", importance: "relevancia", breakdowns: [] }))).toEqual(["needsAssessment.competence is required."]);
  });

  it("refuses unequal or non-numeric scales", () => {
    const five = [1, 2, 3, 4, 5].map((v) => ({ value: v, text: String(v) }));
    expect(
      problems(
        survey(VALID, {
          columns: [
            { name: "relevancia", cellType: "radiogroup", choices: five },
            { name: "nivel", cellType: "radiogroup", choices: [1, 2, 3, 4] },
          ],
        }),
      ),
    ).toEqual([`The columns "relevancia" and "nivel" must have the same scale (1,2,3,4,5 vs 1,2,3,4).`]);
    expect(
      problems(
        survey(VALID, {
          columns: [
            { name: "relevancia", cellType: "dropdown", choices: ["alta", "baja"] },
            { name: "nivel", cellType: "dropdown", choices: [1, 2] },
          ],
        }),
      ),
    ).toEqual([`The column "relevancia" must have at least two choices with integer values (the scale); not numeric: alta, baja.`]);
    expect(
      problems(
        survey(VALID, {
          columns: [
            { name: "relevancia", cellType: "text" },
            { name: "nivel", cellType: "text" },
          ],
        }),
      )[0],
    ).toMatch(/The column "relevancia" must be single-choice/);
  });

  it("refuses a breakdown that is not single-choice, and names that collide with the filters", () => {
    expect(problems(survey({ ...VALID, breakdowns: ["idiomas"] }))).toEqual([
      `The breakdown "idiomas" must be a single-choice question (radiogroup, dropdown or boolean), not checkbox.`,
    ]);
    expect(problems(survey({ ...VALID, breakdowns: ["ministerio", "ministerio"] }))).toEqual([`The breakdown "ministerio" is listed twice.`]);
    expect(problems(survey({ ...VALID, breakdowns: ["edad"] }))[0]).toMatch(/not text/);
  });

  it("refuses unknown properties (typos) and a k below 3, listing every problem in Spanish and English", () => {
    let error: SurveyDefinitionError | undefined;
    try {
      buildEntry(survey({ ...VALID, breakdown: ["ministerio"], minGroupSize: 2 }), "inspeccion");
    } catch (err) {
      error = err as SurveyDefinitionError;
    }
    expect(error).toBeInstanceOf(SurveyDefinitionError);
    expect(error?.problems).toEqual([
      { es: "needsAssessment: propiedad desconocida «breakdown».", en: `needsAssessment: unknown property "breakdown".` },
      {
        es: "needsAssessment.minGroupSize debe ser un entero de al menos 3 (confidencialidad).",
        en: "needsAssessment.minGroupSize must be an integer of at least 3 (confidentiality).",
      },
    ]);
  });

  it("reads the training plan's planning: logistics questions, groups, sites and the obstacles' implications", () => {
    const planning = {
      schedule: "jefatura",
      obstacles: "idiomas",
      groups: "provincia",
      sites: "ministerio",
      implications: { qu: { default: "Materiales en quechua", en: "Materials in Quechua" } },
    };
    const needs = buildEntry(survey({ ...VALID, planning }), "inspeccion").needs;
    expect(needs?.planning).toEqual({
      schedule: "jefatura",
      obstacles: "idiomas",
      groups: "provincia",
      sites: "ministerio",
      implications: { qu: { es: "Materiales en quechua", en: "Materials in Quechua" } },
    });
    expect(buildEntry(survey(VALID), "inspeccion").needs?.planning).toEqual({});
  });

  it("refuses a planning that names a missing question, a non-breakdown as sites, an unknown key or an implication of no obstacle", () => {
    expect(problems(survey({ ...VALID, planning: { months: "meses" } }))).toEqual([
      `needsAssessment.planning.months: "meses" is not a question of the survey.`,
    ]);
    expect(problems(survey({ ...VALID, planning: { sites: "idiomas" } }))).toEqual([
      `needsAssessment.planning.sites: "idiomas" is not a question breakdown (breakdowns).`,
    ]);
    expect(problems(survey({ ...VALID, planning: { sites: "unit" } }))).toEqual([
      `needsAssessment.planning.sites: "unit" is not a question breakdown (breakdowns).`,
    ]);
    expect(problems(survey({ ...VALID, planning: { place: "provincia" } }))).toEqual([`needsAssessment.planning: unknown property "place".`]);
    expect(problems(survey({ ...VALID, planning: { obstacles: "idiomas", implications: { fr: "x" } } }))).toEqual([
      `needsAssessment.planning.implications: "fr" is not a choice of "idiomas".`,
    ]);
    expect(problems(survey({ ...VALID, planning: { implications: { es: "x" } } }))).toHaveLength(1);
  });
});
