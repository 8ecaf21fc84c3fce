// Demo data for any survey: every survey in surveys/ and a small inline one (a 1–4 needs matrix,
// two breakdowns, the question types a survey author may use) get responses the API accepts,
// labelled "[DEMO]", with nothing answered that the survey hides, the same for the same seed, and
// with figures worth looking at (uneven groups, topics that stand out).
import fs from "node:fs";
import path from "node:path";
import { Model, type Question } from "survey-core";
import { describe, expect, it } from "vitest";
import "@/lib/surveys/surveyjs-setup";
import { createDemoGenerator, type DemoResponse, type DemoUnit } from "@/lib/demo/demo-responses";
import { seededRng } from "@/lib/demo/rng";
import { validateResponseData } from "@/lib/responses/response-validation";
import { buildEntry, type SurveyEntry, type SurveyJson } from "@/surveys/registry";

type AnyQuestion = Question & Record<string, any>;
type Row = Record<string, unknown>;

const SURVEYS_DIR = path.resolve(__dirname, "../../surveys");
const UNITS: DemoUnit[] = [
  { linkCode: "U-TUMBES", region: "PE-TUM" },
  { linkCode: "U-TACNA", region: "PE-TAC" },
  { linkCode: "U-LIMA", region: "PE-LIM" },
  { linkCode: "U-PUNO", region: "PE-PUN" },
];
const NOW = Date.parse("2026-03-01T00:00:00.000Z");

function generate(survey: SurveyEntry, count: number, seed: number, partial = false): DemoResponse[] {
  const generator = createDemoGenerator(survey, { units: UNITS, now: NOW });
  const rng = seededRng(seed);
  return Array.from({ length: count }, () => generator.next(rng, { partial }));
}

/** Answers (and matrix cells) the survey does not show for these answers, by survey-core's Model. */
function hiddenAnswers(model: Model, data: Row): string[] {
  model.clear(true, true);
  model.data = data;
  const hidden: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const q = model.getQuestionByValueName(key) as AnyQuestion | null;
    if (!q?.isVisible || !q.isParentVisible) {
      hidden.push(key);
      continue;
    }
    if (q.getType() !== "matrixdropdown") continue;
    for (const row of q.visibleRows as { rowName: string; cells: { column: { name: string }; question: AnyQuestion }[] }[]) {
      const rowValue = (value as Record<string, Row>)[row.rowName] ?? {};
      for (const cell of row.cells) {
        if (rowValue[cell.column.name] !== undefined && !cell.question.isVisible) hidden.push(`${key}.${row.rowName}.${cell.column.name}`);
      }
    }
  }
  return hidden;
}

/** Top-level free-text questions (comment, or text without a special input type). */
function openQuestionKeys(model: Model): string[] {
  return (model.getAllQuestions() as AnyQuestion[])
    .filter((q) => q.getType() === "comment" || (q.getType() === "text" && (!q.inputType || q.inputType === "text")))
    .map((q) => q.getValueName() as string);
}

function countBy(values: unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  return counts;
}

/**
 * Every `validateEvery`-th response through the API's validator (which also refuses answers to
 * hidden questions); every 10th also through survey-core's Model directly (milliseconds each).
 */
function expectValidAndLabelled(survey: SurveyEntry, responses: DemoResponse[], validateEvery = 1): void {
  const model = new Model(survey.definition);
  const open = openQuestionKeys(model);
  for (const [i, r] of responses.entries()) {
    if (i % validateEvery === 0) {
      const check = validateResponseData(survey.definition, r.data, { complete: true, locale: r.locale });
      expect(check.ok ? [] : check.issues, `response ${i}: ${JSON.stringify(r.data)}`).toEqual([]);
    }
    if (i % 10 === 0) expect(hiddenAnswers(model, r.data), `response ${i}`).toEqual([]);
    for (const key of open) {
      if (r.data[key] !== undefined) expect(String(r.data[key]), key).toMatch(/^\[DEMO\] /);
    }
  }
}

/** The groups of the first breakdown are clearly uneven (largest ≥ 3× smallest), as real ones are. */
function expectUnevenGroups(survey: SurveyEntry, responses: DemoResponse[]): void {
  const first = survey.needs?.breakdowns[0];
  if (!first) return;
  const values = responses.map((r) => (first.kind === "unit" ? r.unit?.linkCode : r.data[first.name]));
  const counts = countBy(values.filter((v) => v !== undefined));
  const groups = first.kind === "unit" ? UNITS.length : first.choices.length;
  const sizes = [...counts.values()];
  const smallest = counts.size < groups ? 0 : Math.min(...sizes);
  expect(counts.size, `${first.name}: ${JSON.stringify([...counts])}`).toBeGreaterThan(1);
  expect(Math.max(...sizes), `${first.name}: ${JSON.stringify([...counts])}`).toBeGreaterThanOrEqual(3 * Math.max(smallest, 1));
}

const surveyFiles = fs
  .readdirSync(SURVEYS_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();

describe.each(surveyFiles)("demo responses to surveys/%s", (file) => {
  const definition = JSON.parse(fs.readFileSync(path.join(SURVEYS_DIR, file), "utf8")) as SurveyJson;
  const survey = buildEntry(definition, path.basename(file, ".json"));
  const responses = generate(survey, 200, 2026);

  it("are accepted as complete by the API's validator, answer nothing hidden, and label open answers [DEMO]", () => {
    expectValidAndLabelled(survey, responses);
  });

  it("give the first breakdown uneven groups", () => {
    expectUnevenGroups(survey, responses);
  });

  it("are the same for the same seed, different for another", () => {
    expect(generate(survey, 30, 2026)).toEqual(responses.slice(0, 30));
    expect(generate(survey, 30, 2027)).not.toEqual(responses.slice(0, 30));
  });

  it("stop before the last page when partial, and are accepted as partial saves", () => {
    const lastPage = new Set(((definition.pages as { elements: { name: string }[] }[]).at(-1)?.elements ?? []).map((e) => e.name));
    const partial = generate(survey, 100, 5, true);
    for (const r of partial) {
      expect(r.complete).toBe(false);
      expect(validateResponseData(survey.definition, r.data, { complete: false }).ok).toBe(true);
      expect(Object.keys(r.data).filter((k) => lastPage.has(k))).toEqual([]);
    }
    // Respondents stop at different pages.
    expect(new Set(partial.map((r) => Object.keys(r.data).length)).size).toBeGreaterThan(2);
  });
});

const choices = (...values: string[]) => values.map((value) => ({ value, text: { default: value.replace(/_/g, " "), en: value } }));
const scale = [1, 2, 3, 4].map((value) => ({ value, text: String(value) }));
const TALLER_TOPICS = ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"];

/** Not from surveys/: a 1–4 needs matrix, two breakdowns, and the question types a survey may use. */
const TALLER: SurveyJson = {
  slug: "taller-docente",
  title: { default: "Diagnóstico de formación docente", en: "Teacher training needs" },
  needsAssessment: {
    matrix: "competencias",
    importance: "valor",
    competence: "nivel",
    notApplicable: "fuera",
    breakdowns: ["provincia", "docente"],
  },
  pages: [
    {
      name: "datos",
      elements: [
        {
          type: "boolean",
          name: "acepto",
          isRequired: true,
          renderAs: "checkbox",
          validators: [{ type: "expression", expression: "{acepto} = true" }],
        },
        { type: "radiogroup", name: "provincia", isRequired: true, choices: choices("capital", "norte", "sur", "este", "oeste") },
        {
          type: "dropdown",
          name: "sede",
          isRequired: true,
          choices: choices("central", "anexo", "remota"),
          choicesVisibleIf: "{item} <> 'central' or {provincia} = 'capital'",
        },
        { type: "boolean", name: "docente", isRequired: true, valueTrue: "si", valueFalse: "no" },
        {
          type: "panel",
          name: "panel_docente",
          visibleIf: "{docente} = 'si'",
          elements: [{ type: "comment", name: "experiencia", isRequired: true, maxLength: 60 }],
        },
        { type: "text", name: "codigo", validators: [{ type: "regex", regex: "^[A-Z]{3}-\\d{4}$" }] },
        { type: "text", name: "correo", inputType: "email", validators: [{ type: "email" }] },
        { type: "text", name: "horas", inputType: "number", isRequired: true, min: 1, max: 40, step: 0.5 },
        { type: "text", name: "fecha", inputType: "date", isRequired: true },
        { type: "text", name: "mes", inputType: "month" },
        { type: "rating", name: "satisfaccion", isRequired: true, rateMin: 1, rateMax: 10 },
        {
          type: "checkbox",
          name: "areas",
          isRequired: true,
          minSelectedChoices: 2,
          maxSelectedChoices: 3,
          choices: choices("lectura", "calculo", "ciencia", "arte", "deporte"),
        },
        { type: "ranking", name: "areas_orden", visibleIf: "{areas} notempty", choicesFromQuestion: "areas", choicesFromQuestionMode: "selected" },
        { type: "tagbox", name: "dias", maxSelectedChoices: 2, choices: choices("lunes", "martes", "miercoles") },
      ],
    },
    {
      name: "formacion",
      elements: [
        {
          type: "matrixdropdown",
          name: "competencias",
          rows: TALLER_TOPICS.map((value) => ({ value, text: `Tema ${value}` })),
          columns: [
            { name: "valor", cellType: "dropdown", choices: scale, visibleIf: "{row.fuera} <> true", requiredIf: "{row.fuera} <> true" },
            { name: "nivel", cellType: "dropdown", choices: scale, visibleIf: "{row.fuera} <> true", requiredIf: "{row.fuera} <> true" },
            { name: "fuera", cellType: "boolean" },
          ],
        },
      ],
    },
    {
      name: "cierre",
      elements: [
        {
          type: "matrix",
          name: "opiniones",
          isAllRowRequired: true,
          rows: choices("materiales", "horarios", "tutores"),
          columns: choices("mal", "regular", "bien", "muy_bien"),
        },
        {
          type: "matrixdynamic",
          name: "cursos",
          minRowCount: 1,
          maxRowCount: 3,
          columns: [
            { name: "nombre", cellType: "text", isRequired: true, maxLength: 40 },
            { name: "anio", cellType: "text", inputType: "number", min: 2000, max: 2026 },
          ],
        },
        { type: "multipletext", name: "contacto", items: [{ name: "cargo" }, { name: "telefono", inputType: "tel" }] },
        { type: "comment", name: "sugerencias", maxLength: 300 },
      ],
    },
    {
      name: "capital",
      visibleIf: "{provincia} = 'capital'",
      elements: [{ type: "comment", name: "comentario_capital", isRequired: true }],
    },
  ],
};

describe("demo responses to a survey written for no one in particular", () => {
  const survey = buildEntry(TALLER, "taller-docente");
  const responses = generate(survey, 200, 11);
  const ratings = responses.flatMap((r) =>
    Object.entries((r.data.competencias ?? {}) as Record<string, Row>).map(([topic, row]) => ({ r, topic, row })),
  );

  it("are valid, answer nothing hidden, label open answers [DEMO], and give uneven groups", () => {
    // Option conditions ({item}) put this survey on survey-core's validation (~0.1–0.3 s each): one in ten.
    expectValidAndLabelled(survey, responses, 10);
    expectUnevenGroups(survey, responses);
    for (const r of responses) {
      for (const curso of (r.data.cursos ?? []) as Row[]) expect(String(curso.nombre)).toMatch(/^\[DEMO\] /);
      if (r.data.docente === "si") expect(String(r.data.experiencia).length).toBeLessThanOrEqual(60);
      else expect(r.data.experiencia).toBeUndefined();
      // Only the capital is offered the central office, and only it sees the last page.
      if (r.data.provincia !== "capital") expect(r.data.sede).not.toBe("central");
      expect(r.data.comentario_capital !== undefined).toBe(r.data.provincia === "capital");
    }
    expect(responses.some((r) => r.data.sede === "central")).toBe(true);
  }, 120_000);

  it("give each type a value it allows, and leave out what they cannot satisfy", () => {
    for (const { data } of responses) {
      expect(data.codigo).toBeUndefined();
      if (data.correo !== undefined) expect(data.correo).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      expect((Number(data.horas) * 2) % 1).toBe(0);
      expect(data.horas).toBeGreaterThanOrEqual(1);
      expect(data.horas).toBeLessThanOrEqual(40);
      const age = NOW - Date.parse(String(data.fecha));
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(731 * 86_400_000);
      expect((data.areas as string[]).length).toBeGreaterThanOrEqual(2);
      expect((data.areas as string[]).length).toBeLessThanOrEqual(3);
      if (data.areas_orden !== undefined) expect([...(data.areas_orden as string[])].sort()).toEqual([...(data.areas as string[])].sort());
      expect(Object.keys(data.opiniones as Row)).toHaveLength(3);
      expect(((data.dias ?? []) as string[]).length).toBeLessThanOrEqual(2);
    }
    // Optional questions are answered sometimes, not always.
    const share = (key: string) => responses.filter((r) => r.data[key] !== undefined).length / responses.length;
    expect(share("sugerencias")).toBeGreaterThan(0.1);
    expect(share("sugerencias")).toBeLessThan(0.6);
  });

  it("rate the topics on the declared 1–4 scale, with some marked not applicable", () => {
    const notApplicable = ratings.filter(({ row }) => row.fuera === true);
    expect(notApplicable.length / ratings.length).toBeGreaterThan(0.01);
    expect(notApplicable.length / ratings.length).toBeLessThan(0.12);
    for (const { row } of notApplicable) expect(row).toEqual({ fuera: true });
    for (const { row } of ratings.filter(({ row }) => row.fuera !== true)) {
      expect([1, 2, 3, 4]).toContain(row.valor);
      expect([1, 2, 3, 4]).toContain(row.nivel);
    }
    expect(new Set(ratings.map(({ row }) => row.valor))).toEqual(new Set([1, 2, 3, 4, undefined]));
  });

  it("make topics stand out: each large group has topics it rates clearly more important, and some are hard for all", () => {
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const rated = ratings.filter(({ row }) => row.fuera !== true);
    const byTopic = (rows: typeof rated, column: "valor" | "nivel") =>
      TALLER_TOPICS.map((t) => mean(rows.filter((x) => x.topic === t).map((x) => Number(x.row[column]))));
    const groups = [...countBy(responses.map((r) => r.data.provincia))].sort((a, b) => b[1] - a[1]).slice(0, 2);
    const topTopics = groups.map(([group]) => {
      const importance = byTopic(
        rated.filter((x) => x.r.data.provincia === group),
        "valor",
      );
      expect(Math.max(...importance) - Math.min(...importance), group).toBeGreaterThan(0.5);
      return TALLER_TOPICS[importance.indexOf(Math.max(...importance))];
    });
    expect(topTopics[0]).not.toBe(topTopics[1]);
    const competence = byTopic(rated, "nivel");
    expect(mean(competence) - Math.min(...competence)).toBeGreaterThan(0.4);
  });
});
