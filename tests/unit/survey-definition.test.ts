// Contract test for surveys/dnc-tim.json: the specification's keys and codes, written out below.
// The data keys and codes are a contract relied on by exports, the dashboard, the API and
// outside checks: this test must fail if any of them changes.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Model, surveyLocalization, type QuestionDropdownModel, type QuestionMatrixDropdownModel } from "survey-core";

type Json = Record<string, unknown>;

const FILE = path.resolve(__dirname, "../../surveys/dnc-tim.json");
const survey = JSON.parse(fs.readFileSync(FILE, "utf8")) as Json;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** All questions (and panels' questions), in document order. */
function allQuestions(): Json[] {
  const out: Json[] = [];
  const walk = (elements: unknown) => {
    for (const el of asArray(elements)) {
      if (el.type === "panel" || el.type === "paneldynamic") walk(el.elements ?? el.templateElements);
      else out.push(el);
    }
  };
  for (const page of asArray(survey.pages)) walk(page.elements);
  return out;
}

function question(name: string): Json {
  const q = allQuestions().find((x) => x.name === name);
  if (!q) throw new Error(`question "${name}" not found`);
  return q;
}

function codes(items: unknown): unknown[] {
  return asArray(items).map((c) => c.value);
}

/** The definition without registry metadata SurveyJS does not know about. */
function surveyJsDefinition(): Json {
  const { slug: _slug, needsAssessment: _needs, ...rest } = survey;
  return rest;
}

// --- The contract -------------------------------------------------------------------------

const DATA_KEYS: Record<string, string> = {
  consentimiento: "boolean",
  institucion: "radiogroup",
  institucion_otra: "text",
  dependencia: "dropdown",
  region: "dropdown",
  cargo: "text",
  cargo_categoria: "radiogroup",
  anios_institucion: "radiogroup",
  anios_casos: "radiogroup",
  capacitacion_tim: "boolean",
  capacitacion_tim_horas: "text",
  capacitacion_tim_entidad: "checkbox",
  capacitacion_tdp: "boolean",
  casos_12m_tim: "text",
  casos_12m_tdp: "text",
  necesidades: "matrixdropdown",
  modalidad_orden: "ranking",
  duracion: "radiogroup",
  horario: "radiogroup",
  meses_disponibles: "checkbox",
  obstaculos: "checkbox",
  obstaculo_otro: "text",
  otras_necesidades: "comment",
  caso_reciente: "comment",
  sugerencias: "comment",
};
/** Display-only elements (no value stored). */
const DISPLAY_ONLY = ["presentacion_info"];

const REQUIRED = [
  "consentimiento",
  "institucion",
  "institucion_otra",
  "dependencia",
  "region",
  "cargo_categoria",
  "anios_institucion",
  "anios_casos",
  "capacitacion_tim",
  "capacitacion_tdp",
  "obstaculo_otro",
];

const YEARS = ["lt1", "1_3", "4_6", "7_10", "gt10"];
const CHOICES: Record<string, unknown[]> = {
  institucion: ["migraciones", "pnp", "ministerio_publico", "poder_judicial", "mininter", "gobierno_regional", "otra"],
  region: [
    "PE-AMA",
    "PE-ANC",
    "PE-APU",
    "PE-ARE",
    "PE-AYA",
    "PE-CAJ",
    "PE-CAL",
    "PE-CUS",
    "PE-HUV",
    "PE-HUC",
    "PE-ICA",
    "PE-JUN",
    "PE-LAL",
    "PE-LAM",
    "PE-LIM",
    "PE-LMA",
    "PE-LOR",
    "PE-MDD",
    "PE-MOQ",
    "PE-PAS",
    "PE-PIU",
    "PE-PUN",
    "PE-SAM",
    "PE-TAC",
    "PE-TUM",
    "PE-UCA",
  ],
  cargo_categoria: ["directivo", "fiscal_juez", "inspector_migratorio", "policia_investigador", "personal_apoyo", "otro"],
  anios_institucion: YEARS,
  anios_casos: YEARS,
  capacitacion_tim_entidad: ["propia", "mininter", "oim", "unodc", "mieux", "otra"],
  modalidad_orden: ["presencial", "virtual_vivo", "autoaprendizaje", "semipresencial", "talleres_casos", "pasantias", "formador_formadores"],
  duracion: ["1_dia", "2_3_dias", "1_semana", "modular"],
  horario: ["jornada", "fuera_jornada", "indistinto"],
  meses_disponibles: ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"],
  obstaculos: ["carga_laboral", "autorizacion", "viaticos", "conectividad", "rotacion", "falta_oferta", "otro"],
};

/** Codes of `dependencia` the spec names for each institution (others may be added). */
const DEPENDENCIA_SPEC: Record<string, string[]> = {
  pnp: ["dirctptim", "dirincri", "comisaria", "otra"],
  ministerio_publico: ["fistrap", "fiscalia_penal", "crimen_organizado", "udavit", "otra"],
  poder_judicial: ["juzgado_ip", "juzgado_penal", "sala_penal", "otra"],
};

const TOPICS = Array.from({ length: 18 }, (_, i) => `T${String(i + 1).padStart(2, "0")}`);
const NEED_COLUMNS = ["importancia", "dominio", "no_aplica"];

/** Property names whose value SurveyJS treats as a localizable string. */
const LOCALIZABLE = new Set([
  "title",
  "description",
  "text",
  "html",
  "completedHtml",
  "completedBeforeHtml",
  "loadingHtml",
  "navigationTitle",
  "labelTrue",
  "labelFalse",
  "placeholder",
  "requiredErrorText",
  "minErrorText",
  "maxErrorText",
  "stepErrorText",
  "otherText",
  "otherPlaceholder",
  "noneText",
  "selectAllText",
  "completeText",
  "pageNextText",
  "pagePrevText",
]);

function validSample(): Json {
  const necesidades: Record<string, Json> = {};
  TOPICS.forEach((t, i) => {
    necesidades[t] = { importancia: (i % 5) + 1, dominio: ((i + 2) % 5) + 1 };
  });
  necesidades.T02 = { no_aplica: true };
  return {
    consentimiento: true,
    institucion: "pnp",
    dependencia: "dirctptim",
    region: "PE-TUM",
    cargo: "Suboficial de tercera",
    cargo_categoria: "policia_investigador",
    anios_institucion: "4_6",
    anios_casos: "1_3",
    capacitacion_tim: true,
    capacitacion_tim_horas: 40,
    capacitacion_tim_entidad: ["oim", "propia"],
    capacitacion_tdp: false,
    casos_12m_tim: 12,
    casos_12m_tdp: 0,
    necesidades,
    modalidad_orden: [...(CHOICES.modalidad_orden ?? [])].reverse(),
    duracion: "2_3_dias",
    horario: "jornada",
    meses_disponibles: ["03", "10"],
    obstaculos: ["carga_laboral", "otro"],
    obstaculo_otro: "Turnos rotativos en el puesto de control",
    otras_necesidades: "Identificación de víctimas de trata.",
    caso_reciente: "Un grupo intervenido en el paso fronterizo.",
    sugerencias: "Más casos prácticos.",
  };
}

function loadModel(data?: Json): Model {
  const model = new Model(surveyJsDefinition());
  if (data) model.data = structuredClone(data);
  return model;
}

// --- Tests --------------------------------------------------------------------------------

describe("surveys/dnc-tim.json: data contract", () => {
  it("carries the registry slug", () => {
    expect(survey.slug).toBe("dnc-tim");
  });

  it("has exactly the contract's question names, with the contract's types", () => {
    const names = allQuestions().map((q) => String(q.name));
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...Object.keys(DATA_KEYS), ...DISPLAY_ONLY].sort());
    for (const [name, type] of Object.entries(DATA_KEYS)) {
      expect(question(name).type, name).toBe(type);
    }
    for (const name of DISPLAY_ONLY) expect(question(name).type).toBe("html");
  });

  it("marks exactly the spec's questions as required", () => {
    const required = allQuestions()
      .filter((q) => q.isRequired === true)
      .map((q) => String(q.name));
    expect(required.sort()).toEqual([...REQUIRED].sort());
  });

  it.each(Object.entries(CHOICES))("%s has exactly the contract's codes, in order", (name, expected) => {
    expect(codes(question(name).choices)).toEqual(expected);
  });

  it("offers the spec's dependencia codes (each code once)", () => {
    const all = codes(question("dependencia").choices);
    expect(new Set(all).size).toBe(all.length);
    for (const list of Object.values(DEPENDENCIA_SPEC)) {
      for (const code of list) expect(all).toContain(code);
    }
  });

  it("has the 18 topic rows and the 3 columns of necesidades", () => {
    const q = question("necesidades");
    expect(codes(q.rows)).toEqual(TOPICS);
    const columns = asArray(q.columns);
    expect(columns.map((c) => c.name)).toEqual(NEED_COLUMNS);
    for (const name of ["importancia", "dominio"]) {
      const col = columns.find((c) => c.name === name);
      expect(col?.cellType, name).toBe("dropdown");
      expect(codes(col?.choices), name).toEqual([1, 2, 3, 4, 5]);
    }
    expect(columns.find((c) => c.name === "no_aplica")?.cellType).toBe("boolean");
  });

  it("keeps the visibility rules of the contract", () => {
    expect(question("institucion_otra").visibleIf).toBe("{institucion} = 'otra'");
    expect(question("capacitacion_tim_horas").visibleIf).toBe("{capacitacion_tim} = true");
    expect(question("capacitacion_tim_entidad").visibleIf).toBe("{capacitacion_tim} = true");
    expect(question("obstaculo_otro").visibleIf).toBe("{obstaculos} contains 'otro'");
  });

  it("caps free text: every text/comment has a maxLength, open questions at most 4000", () => {
    for (const q of allQuestions()) {
      if (q.type === "text" || q.type === "comment") {
        expect(typeof q.maxLength, String(q.name)).toBe("number");
      }
    }
    for (const name of ["otras_necesidades", "caso_reciente", "sugerencias"]) {
      expect(question(name).maxLength).toBe(4000);
    }
  });
});

describe("surveys/dnc-tim.json: localization", () => {
  it("gives every localizable string a non-empty Spanish default and English text", () => {
    const problems: string[] = [];
    let count = 0;
    const walk = (node: unknown, where: string) => {
      if (Array.isArray(node)) {
        node.forEach((child, i) => walk(child, `${where}[${i}]`));
        return;
      }
      if (!isObject(node)) return;
      for (const [key, value] of Object.entries(node)) {
        const at = `${where}.${key}`;
        if (LOCALIZABLE.has(key)) {
          count++;
          if (!isObject(value)) {
            problems.push(`${at} is not localized`);
            continue;
          }
          for (const locale of ["default", "en"]) {
            const s = value[locale];
            if (typeof s !== "string" || s.trim() === "") problems.push(`${at}.${locale} is missing or empty`);
          }
          continue;
        }
        walk(value, at);
      }
    };
    walk(survey, "$");
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(100);
  });

  it("pipes no answers into texts and contains no scripts", () => {
    const texts: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (isObject(node)) {
        for (const [key, value] of Object.entries(node)) {
          if (LOCALIZABLE.has(key) && isObject(value)) {
            texts.push(...Object.values(value).filter((v): v is string => typeof v === "string"));
          } else walk(value);
        }
      }
    };
    walk(survey);
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((t) => /[{}]/.test(t))).toEqual([]);
    expect(texts.filter((t) => /<script|<iframe|javascript:|\son[a-z]+\s*=/i.test(t))).toEqual([]);
  });
});

describe("surveys/dnc-tim.json: survey-core", () => {
  // As in the app: Spanish is the default locale, so "default" texts are Spanish.
  let previousLocale = "";
  beforeAll(() => {
    previousLocale = surveyLocalization.defaultLocale;
    surveyLocalization.defaultLocale = "es";
  });
  afterAll(() => {
    surveyLocalization.defaultLocale = previousLocale;
  });

  it("loads without JSON errors (apart from the registry's own slug and needsAssessment properties)", () => {
    expect(loadModel().jsonErrors ?? []).toEqual([]);
    const withSlug = new Model(survey);
    for (const e of withSlug.jsonErrors ?? []) {
      expect(e.message).toMatch(/'slug'|'needsAssessment'/);
    }
    expect(withSlug.getAllQuestions().map((q) => q.name)).toEqual(allQuestions().map((q) => q.name));
  });

  it("renders both locales", () => {
    const model = loadModel();
    const es = model.getQuestionByName("institucion").title;
    expect(model.title).toMatch(/tráfico ilícito de migrantes/);
    model.locale = "en";
    expect(model.title).toMatch(/smuggling of migrants/);
    const en = model.getQuestionByName("institucion").title;
    expect(es).toMatch(/institución/);
    expect(en).toMatch(/institution/);
  });

  it("accepts a complete, valid response and keeps the stored shape", () => {
    const model = loadModel(validSample());
    expect(model.validate(false)).toBe(true);
    const data = model.data as Json;
    const needs = data.necesidades as Record<string, Json>;
    expect(needs.T01).toEqual({ importancia: 1, dominio: 3 });
    expect(needs.T02).toEqual({ no_aplica: true });
  });

  it("requires both ratings of a topic unless it is marked no_aplica", () => {
    const missingDominio = validSample();
    (missingDominio.necesidades as Record<string, Json>).T05 = { importancia: 4 };
    expect(loadModel(missingDominio).validate(false)).toBe(false);

    const missingRow = validSample();
    delete (missingRow.necesidades as Record<string, Json>).T18;
    expect(loadModel(missingRow).validate(false)).toBe(false);

    const notApplicable = validSample();
    (notApplicable.necesidades as Record<string, Json>).T05 = { no_aplica: true };
    expect(loadModel(notApplicable).validate(false)).toBe(true);
  });

  it("drops the ratings of a topic when no_aplica is ticked", () => {
    const model = loadModel(validSample());
    const matrix = model.getQuestionByName("necesidades") as QuestionMatrixDropdownModel;
    const row = matrix.visibleRows.find((r) => r.rowName === "T03");
    if (!row) throw new Error("row T03 not found");
    row.getQuestionByColumnName("no_aplica").value = true;
    expect((model.data.necesidades as Record<string, Json>).T03).toEqual({ no_aplica: true });
    expect(row.getQuestionByColumnName("importancia").isVisible).toBe(false);
  });

  it("requires consent to be true", () => {
    const model = loadModel();
    expect(model.validateCurrentPage()).toBe(false);
    model.setValue("consentimiento", false);
    expect(model.validateCurrentPage()).toBe(false);
    model.setValue("consentimiento", true);
    expect(model.validateCurrentPage()).toBe(true);
  });

  it("shows dependencia choices for the chosen institution only", () => {
    const model = loadModel();
    const dependencia = model.getQuestionByName("dependencia") as QuestionDropdownModel;
    for (const [institucion, expected] of Object.entries(DEPENDENCIA_SPEC)) {
      model.setValue("institucion", institucion);
      expect(dependencia.isVisible).toBe(true);
      expect(dependencia.visibleChoices.map((c) => c.value)).toEqual(expected);
    }
    model.setValue("institucion", "gobierno_regional");
    expect(dependencia.isVisible).toBe(false);
  });

  it("accepts only whole numbers in range for the numeric questions", () => {
    const cases: [string, unknown, boolean][] = [
      ["capacitacion_tim_horas", 0, true],
      ["capacitacion_tim_horas", 2000, true],
      ["capacitacion_tim_horas", 2001, false],
      ["capacitacion_tim_horas", -1, false],
      ["capacitacion_tim_horas", 12.5, false],
      ["casos_12m_tim", 10000, true],
      ["casos_12m_tim", 10001, false],
      ["casos_12m_tdp", 3.5, false],
    ];
    for (const [name, value, ok] of cases) {
      const model = loadModel(validSample());
      model.setValue(name, value);
      expect(model.getQuestionByName(name).validate(false), `${name}=${String(value)}`).toBe(ok);
    }
  });
});
