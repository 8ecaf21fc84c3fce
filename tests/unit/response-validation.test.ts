import { describe, expect, it } from "vitest";
import { validateResponseData, type ValidationResult } from "@/lib/responses/response-validation";
import { loadDncTim } from "../support/dnc-tim";
import { completeAnswers, TOPICS } from "../support/sample-answers";

const survey = loadDncTim();
const validate = (data: unknown, complete = true, locale: "es" | "en" = "es") => validateResponseData(survey.definition, data, { complete, locale });

function issues(result: ValidationResult) {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues;
}

describe("validating dnc-tim submissions", () => {
  it("accepts a complete, valid response unchanged", () => {
    const data = completeAnswers();
    const result = validate(data);
    expect(result).toEqual({ ok: true, data });
  });

  it("rejects unknown keys, naming them", () => {
    const found = issues(validate(completeAnswers({ salario: 3000, __proto__x: 1 })));
    expect(found.map((i) => [i.key, i.reason])).toEqual([
      ["salario", "unknown_key"],
      ["__proto__x", "unknown_key"],
    ]);
  });

  it("rejects a __proto__ key sent in JSON", () => {
    const data = JSON.parse('{"consentimiento": true, "__proto__": {"admin": true}}');
    expect(issues(validate(data, false))).toContainEqual(expect.objectContaining({ key: "__proto__", reason: "unknown_key" }));
  });

  it("rejects values outside the choices (which survey-core would silently drop)", () => {
    const found = issues(validate(completeAnswers({ region: "PE-XXX", meses_disponibles: ["13"] })));
    expect(found.map((i) => [i.key, i.reason])).toEqual([
      ["region", "not_in_choices"],
      ["meses_disponibles", "not_in_choices"],
    ]);
  });

  it("rejects ratings outside 1–5 inside the need matrix", () => {
    const data = completeAnswers();
    (data.necesidades as Record<string, unknown>).T05 = { importancia: 7, dominio: 2 };
    expect(issues(validate(data))).toEqual([expect.objectContaining({ key: "necesidades.T05.importancia", reason: "not_in_choices" })]);
  });

  it("rejects wrong types", () => {
    const found = issues(validate(completeAnswers({ capacitacion_tim_horas: "40", consentimiento: "sí", obstaculos: "otro" })));
    expect(found.map((i) => [i.key, i.reason])).toEqual([
      ["consentimiento", "wrong_type"],
      ["capacitacion_tim_horas", "wrong_type"],
      ["obstaculos", "wrong_type"],
    ]);
  });

  it("rejects unknown rows and columns of the matrix", () => {
    const data = completeAnswers();
    Object.assign(data.necesidades as object, { T19: { importancia: 3, dominio: 3 } });
    (data.necesidades as Record<string, Record<string, unknown>>).T01!.urgencia = 5;
    const found = issues(validate(data));
    expect(found.map((i) => i.key).sort()).toEqual(["necesidades.T01.urgencia", "necesidades.T19"]);
  });

  it("rejects answers to hidden questions on completion", () => {
    const found = issues(validate(completeAnswers({ institucion_otra: "Defensoría" })));
    expect(found).toEqual([expect.objectContaining({ key: "institucion_otra", reason: "hidden" })]);
  });

  it("rejects ratings of a topic marked not applicable (hidden cells)", () => {
    const data = completeAnswers();
    (data.necesidades as Record<string, unknown>).T02 = { no_aplica: true, importancia: 5, dominio: 1 };
    const found = issues(validate(data));
    expect(found.map((i) => [i.key, i.reason])).toEqual([
      ["necesidades.T02.importancia", "hidden"],
      ["necesidades.T02.dominio", "hidden"],
    ]);
  });

  it("rejects a dependencia that belongs to another institution", () => {
    const found = issues(validate(completeAnswers({ dependencia: "juzgado_penal" })));
    expect(found).toEqual([expect.objectContaining({ key: "dependencia", reason: "not_in_choices" })]);
  });

  it("requires every visible required answer, with survey-core's message in the respondent's language", () => {
    const data = completeAnswers();
    delete data.region;
    (data.necesidades as Record<string, unknown>).T07 = { importancia: 4 };
    const es = issues(validate(data, true, "es"));
    expect(es.map((i) => i.key)).toEqual(["region", "necesidades.T07.dominio"]);
    expect(es[0]!.message).toMatch(/conteste/i);
    const en = issues(validate(data, true, "en"));
    expect(en[0]!.message).toMatch(/response required/i);
  });

  it("requires institucion_otra when institucion is otra", () => {
    const data = completeAnswers({ institucion: "otra" });
    delete data.dependencia;
    expect(issues(validate(data)).map((i) => i.key)).toEqual(["institucion_otra"]);
    expect(validate({ ...data, institucion_otra: "Defensoría del Pueblo" }).ok).toBe(true);
  });

  it("checks ranges and whole numbers", () => {
    expect(issues(validate(completeAnswers({ capacitacion_tim_horas: 2001 }))).map((i) => i.key)).toEqual(["capacitacion_tim_horas"]);
    expect(issues(validate(completeAnswers({ casos_12m_tdp: 2.5 }))).map((i) => i.key)).toEqual(["casos_12m_tdp"]);
    expect(issues(validate(completeAnswers({ casos_12m_tdp: -1 }))).map((i) => i.key)).toEqual(["casos_12m_tdp"]);
  });

  it("enforces maximum lengths", () => {
    const found = issues(validate(completeAnswers({ sugerencias: "á".repeat(4001) }), false));
    expect(found).toEqual([expect.objectContaining({ key: "sugerencias", reason: "too_long" })]);
  });

  it("refuses the NUL character in a text (no keyboard types it; PostgreSQL cannot store it in JSON)", () => {
    const found = issues(validate(completeAnswers({ sugerencias: "antes\u0000después" }), false));
    expect(found).toEqual([expect.objectContaining({ key: "sugerencias", reason: "nul_character" })]);
    expect(validate(completeAnswers({ sugerencias: "antes\u0001después ¿ñ?" })).ok).toBe(true);
  });

  it("requires consent to be given", () => {
    expect(issues(validate(completeAnswers({ consentimiento: false }))).map((i) => i.key)).toEqual(["consentimiento"]);
  });

  it("requires both ratings for every applicable topic", () => {
    const data = completeAnswers();
    delete (data.necesidades as Record<string, unknown>).T18;
    expect(
      issues(validate(data))
        .map((i) => i.key)
        .sort(),
    ).toEqual(["necesidades.T18.dominio", "necesidades.T18.importancia"]);
  });

  it("saves progress without completeness, but still checks shape", () => {
    expect(validate({ consentimiento: true, institucion: "pnp" }, false).ok).toBe(true);
    expect(validate({ institucion_otra: "x", institucion: "pnp" }, false).ok).toBe(true);
    expect(issues(validate({ institucion: "fbi" }, false)).map((i) => i.key)).toEqual(["institucion"]);
    expect(issues(validate([1, 2], false)).map((i) => i.reason)).toEqual(["wrong_type"]);
  });

  it("accepts every topic marked not applicable", () => {
    const necesidades = Object.fromEntries(TOPICS.map((t) => [t, { no_aplica: true }]));
    expect(validate(completeAnswers({ necesidades })).ok).toBe(true);
  });
});

describe("any SurveyJS definition", () => {
  const definition = {
    pages: [
      {
        elements: [
          { type: "rating", name: "satisfaction", isRequired: true, rateMin: 1, rateMax: 10 },
          { type: "tagbox", name: "tags", choices: ["a", "b"] },
          { type: "multipletext", name: "contact", items: [{ name: "city" }, { name: "age", inputType: "number" }] },
          {
            type: "paneldynamic",
            name: "courses",
            templateElements: [{ type: "text", name: "title", isRequired: true }],
          },
          { type: "matrix", name: "grid", columns: ["yes", "no"], rows: ["r1", "r2"] },
          { type: "radiogroup", name: "color", choices: ["red"], showOtherItem: true },
        ],
      },
    ],
  };
  const v = (data: unknown) => validateResponseData(definition, data, { complete: true });

  it("accepts well-formed data of every question kind", () => {
    const data = {
      satisfaction: 9,
      tags: ["a"],
      contact: { city: "Cusco", age: 30 },
      courses: [{ title: "Derechos humanos" }],
      grid: { r1: "yes" },
      color: "other",
      "color-Comment": "turquesa",
    };
    expect(v(data)).toEqual({ ok: true, data });
  });

  it("names the offending key inside nested questions", () => {
    const result = v({ satisfaction: 11, contact: { zip: "x" }, courses: [{ title: 5 }], grid: { r1: "maybe" } });
    expect(result.ok ? [] : result.issues.map((i) => i.key)).toEqual(["satisfaction", "contact.zip", "courses[0].title", "grid.r1"]);
  });

  it("runs survey-core's required checks inside dynamic panels", () => {
    const result = v({ satisfaction: 3, courses: [{}] });
    expect(result.ok ? [] : result.issues.map((i) => i.key)).toEqual(["courses[0].title"]);
  });
});
