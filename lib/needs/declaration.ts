// The needs declaration of a survey (`needsAssessment` at the top of its SurveyJS JSON, see
// docs/needs-declaration.md): which matrix holds the paired ratings, which answers the figures may
// be broken down by. Read and checked here against the definition, once per survey version, so
// that every view, filter and export takes the survey's vocabulary from one place.
import type { Model, Question } from "survey-core";
import { localizedText, type LocalizedText } from "../surveys/localized-text";

export interface Choice {
  value: string;
  label: LocalizedText;
}

export interface Breakdown {
  /** Question name, or the reserved name "unit" (the distribution unit of the link). */
  name: string;
  kind: "question" | "unit";
  /** The question's title (for "unit": a fixed label). */
  title: LocalizedText;
  /** Accepted values in display order; booleans are "true" / "false"; [] for "unit". */
  choices: Choice[];
}

export interface RatingScale {
  /** The integer values of the scale, ascending (e.g. 1…5). */
  values: number[];
  min: number;
  max: number;
  importanceLabels: Choice[];
  competenceLabels: Choice[];
}

export interface NeedsDeclaration {
  matrix: string;
  importance: string;
  competence: string;
  notApplicable: string | null;
  titles: { matrix: LocalizedText; importance: LocalizedText; competence: LocalizedText; notApplicable: LocalizedText | null };
  topics: { code: string; title: LocalizedText }[];
  scale: RatingScale;
  /** In declaration order: the first is the default grouping. */
  breakdowns: Breakdown[];
  /** Text and comment questions listed as open answers. */
  openQuestions: { name: string; title: LocalizedText }[];
  /** k for this survey when declared (never below 3). */
  minGroupSize: number | null;
  /** What the training plan reads (optional): logistics questions, its groups and sites. */
  planning: PlanningDeclaration;
}

export const PLANNING_FIELDS = ["modality", "duration", "schedule", "months", "obstacles"] as const;
export type PlanningField = (typeof PLANNING_FIELDS)[number];
/** Planning keys that name a breakdown rather than a question. */
export const PLANNING_BREAKDOWNS = ["groups", "sites"] as const;

export interface PlanningDeclaration extends Partial<Record<PlanningField, string>> {
  /** The breakdown whose groups modules are proposed for (default: the first breakdown). */
  groups?: string;
  /** The breakdown whose values are training places (default: none, no places proposed). */
  sites?: string;
  /** What each obstacle (a choice of the obstacles question) implies for the plan. */
  implications?: Record<string, LocalizedText>;
}

/** Question-based breakdowns are stored in this many slots (db/schema.ts: dim1 … dim8). */
export const MAX_QUESTION_BREAKDOWNS = 8;
export const UNIT_BREAKDOWN = "unit";
/** Query parameters the views use themselves: a breakdown may not be called like one. */
export const RESERVED_PARAMETERS = ["by", "round", "from", "to", "labels", "partial", "sep", "page", "question", "q", "format"];
const BREAKDOWN_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;
const SINGLE_CHOICE = new Set(["radiogroup", "dropdown", "boolean"]);
const OPEN_TYPES = new Set(["text", "comment"]);
const KNOWN_KEYS = new Set(["matrix", "importance", "competence", "notApplicable", "breakdowns", "openQuestions", "minGroupSize", "planning"]);

/** One problem of a declaration, in both languages. */
export type DeclarationProblem = LocalizedText;

export type DeclarationResult = { ok: true; declaration: NeedsDeclaration | undefined } | { ok: false; problems: DeclarationProblem[] };

const p = (es: string, en: string): DeclarationProblem => ({ es, en });

function choicesOf(raw: unknown): Choice[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((c) => {
    if (c && typeof c === "object" && "value" in c) {
      const value = String((c as { value: unknown }).value);
      return { value, label: localizedText((c as { text?: unknown }).text, value) };
    }
    return { value: String(c), label: { es: String(c), en: String(c) } };
  });
}

function rawChoiceValues(raw: unknown): unknown[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((c) => (c && typeof c === "object" && "value" in c ? (c as { value: unknown }).value : c));
}

type Json = Record<string, unknown>;

/** A rating column's scale values and labels: its own choices, the matrix's, or a rating cell's range. */
function columnScale(matrix: Json, column: Json): { values: unknown[]; labels: Choice[]; cellType: string } {
  const cellType = String(column.cellType ?? matrix.cellType ?? "dropdown");
  const own = Array.isArray(column.choices) && column.choices.length > 0 ? column.choices : undefined;
  const inherited = Array.isArray(matrix.choices) && matrix.choices.length > 0 ? matrix.choices : undefined;
  if (cellType === "rating" && !own) {
    const rateValues = Array.isArray(column.rateValues) ? column.rateValues : undefined;
    if (rateValues?.length) return { values: rawChoiceValues(rateValues), labels: choicesOf(rateValues), cellType };
    const min = Number(column.rateMin ?? 1);
    const max = Number(column.rateMax ?? 5);
    const step = Number(column.rateStep ?? 1);
    const values: number[] = [];
    for (let v = min; v <= max && values.length < 100; v += step) values.push(v);
    return { values, labels: values.map((v) => ({ value: String(v), label: { es: String(v), en: String(v) } })), cellType };
  }
  const choices = own ?? inherited ?? [];
  return { values: rawChoiceValues(choices), labels: choicesOf(choices), cellType };
}

const SCALE_CELLS = new Set(["dropdown", "radiogroup", "rating"]);

/**
 * Reads `needsAssessment` from a survey definition and checks it against the survey's questions
 * (`model` is a survey-core Model of the same definition). No declaration → ok with undefined.
 */
export function readNeedsDeclaration(definition: Json, model: Model): DeclarationResult {
  const raw = definition.needsAssessment;
  if (raw === undefined || raw === null) return { ok: true, declaration: undefined };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return { ok: false, problems: [p("needsAssessment debe ser un objeto.", "needsAssessment must be an object.")] };
  }
  const decl = raw as Json;
  const problems: DeclarationProblem[] = [];
  for (const key of Object.keys(decl)) {
    if (!KNOWN_KEYS.has(key)) {
      problems.push(p(`needsAssessment: propiedad desconocida «${key}».`, `needsAssessment: unknown property "${key}".`));
    }
  }
  const questions = new Map<string, Question>();
  for (const q of model.getAllQuestions(false, false, true)) questions.set(q.name, q);
  const nameOf = (key: string): string | undefined => {
    const v = decl[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string" || v.trim() === "") {
      problems.push(p(`needsAssessment.${key} debe ser un nombre de pregunta.`, `needsAssessment.${key} must be a question name.`));
      return undefined;
    }
    return v;
  };
  const title = (q: Question | undefined, fallback: string) => localizedText(q?.toJSON().title, fallback);

  // The matrix and its two rating columns.
  const matrixName = nameOf("matrix");
  const importanceName = nameOf("importance");
  const competenceName = nameOf("competence");
  const notApplicableName = nameOf("notApplicable");
  for (const key of ["matrix", "importance", "competence"]) {
    if (decl[key] === undefined) {
      problems.push(p(`needsAssessment.${key} es obligatorio.`, `needsAssessment.${key} is required.`));
    }
  }
  const matrixQ = matrixName ? questions.get(matrixName) : undefined;
  let matrixJson: Json | undefined;
  if (matrixName && !matrixQ) {
    problems.push(p(`La matriz «${matrixName}» no es una pregunta de la encuesta.`, `The matrix "${matrixName}" is not a question of the survey.`));
  } else if (matrixQ && matrixQ.getType() !== "matrixdropdown") {
    problems.push(
      p(
        `La matriz «${matrixName}» debe ser de tipo matrixdropdown (es ${matrixQ.getType()}).`,
        `The matrix "${matrixName}" must be a matrixdropdown question (it is ${matrixQ.getType()}).`,
      ),
    );
  } else if (matrixQ) {
    matrixJson = matrixQ.toJSON() as Json;
  }
  const columns = new Map<string, Json>();
  for (const c of (matrixJson?.columns as Json[] | undefined) ?? []) columns.set(String(c.name), c);
  const topics = ((matrixJson?.rows as unknown[] | undefined) ?? []).map((row) => {
    if (row && typeof row === "object") {
      const r = row as Json;
      return { code: String(r.value), title: localizedText(r.text, String(r.value)) };
    }
    return { code: String(row), title: { es: String(row), en: String(row) } };
  });
  if (matrixJson && topics.length === 0) {
    problems.push(p(`La matriz «${matrixName}» no tiene filas (temas).`, `The matrix "${matrixName}" has no rows (topics).`));
  }

  const scales: Record<string, { values: number[]; labels: Choice[] } | undefined> = {};
  for (const [role, name] of [
    ["importance", importanceName],
    ["competence", competenceName],
  ] as const) {
    if (!matrixJson || !name) continue;
    const column = columns.get(name);
    if (!column) {
      problems.push(
        p(
          `La matriz «${matrixName}» no tiene la columna «${name}» (${role === "importance" ? "escala de importancia" : "escala de competencia"}).`,
          `The matrix "${matrixName}" has no column "${name}" (${role}).`,
        ),
      );
      continue;
    }
    const scale = columnScale(matrixJson, column);
    if (!SCALE_CELLS.has(scale.cellType)) {
      problems.push(
        p(
          `La columna «${name}» debe ser de opción única (dropdown, radiogroup o rating), no ${scale.cellType}.`,
          `The column "${name}" must be single-choice (dropdown, radiogroup or rating), not ${scale.cellType}.`,
        ),
      );
      continue;
    }
    const nonInteger = scale.values.filter((v) => typeof v !== "number" || !Number.isInteger(v));
    if (scale.values.length < 2 || nonInteger.length > 0) {
      problems.push(
        p(
          `La columna «${name}» debe tener al menos dos opciones con valores enteros (escala); ${nonInteger.length ? `no numéricos: ${nonInteger.map(String).join(", ")}` : "tiene menos de dos"}.`,
          `The column "${name}" must have at least two choices with integer values (the scale); ${nonInteger.length ? `not numeric: ${nonInteger.map(String).join(", ")}` : "it has fewer than two"}.`,
        ),
      );
      continue;
    }
    scales[role] = { values: scale.values as number[], labels: scale.labels };
  }
  const imp = scales.importance;
  const comp = scales.competence;
  if (imp && comp) {
    const a = [...imp.values].sort((x, y) => x - y).join(",");
    const b = [...comp.values].sort((x, y) => x - y).join(",");
    if (a !== b) {
      problems.push(
        p(
          `Las columnas «${importanceName}» y «${competenceName}» deben tener la misma escala (${a} frente a ${b}).`,
          `The columns "${importanceName}" and "${competenceName}" must have the same scale (${a} vs ${b}).`,
        ),
      );
    }
  }
  if (notApplicableName && matrixJson) {
    const column = columns.get(notApplicableName);
    const cellType = String(column?.cellType ?? matrixJson.cellType ?? "dropdown");
    if (!column) {
      problems.push(
        p(
          `La matriz «${matrixName}» no tiene la columna «${notApplicableName}» (no aplica).`,
          `The matrix "${matrixName}" has no column "${notApplicableName}" (not applicable).`,
        ),
      );
    } else if (cellType !== "boolean" && cellType !== "checkbox") {
      problems.push(
        p(
          `La columna «${notApplicableName}» (no aplica) debe ser boolean o checkbox, no ${cellType}.`,
          `The column "${notApplicableName}" (not applicable) must be boolean or checkbox, not ${cellType}.`,
        ),
      );
    }
  }

  // Breakdowns.
  const breakdowns: Breakdown[] = [];
  const rawBreakdowns = decl.breakdowns;
  if (rawBreakdowns !== undefined && (!Array.isArray(rawBreakdowns) || rawBreakdowns.some((b) => typeof b !== "string"))) {
    problems.push(p("needsAssessment.breakdowns debe ser una lista de nombres.", "needsAssessment.breakdowns must be a list of names."));
  } else {
    const seen = new Set<string>();
    for (const name of (rawBreakdowns as string[] | undefined) ?? []) {
      if (seen.has(name)) {
        problems.push(p(`El desglose «${name}» está repetido.`, `The breakdown "${name}" is listed twice.`));
        continue;
      }
      seen.add(name);
      if (name === UNIT_BREAKDOWN) {
        breakdowns.push({ name, kind: "unit", title: { es: "Unidad", en: "Unit" }, choices: [] });
        continue;
      }
      if (!BREAKDOWN_NAME.test(name)) {
        problems.push(
          p(
            `El desglose «${name}» debe llamarse con letras, cifras, _ o - (es un parámetro de los filtros).`,
            `The breakdown "${name}" must be named with letters, digits, _ or - (it is a filter parameter).`,
          ),
        );
        continue;
      }
      if (RESERVED_PARAMETERS.includes(name)) {
        problems.push(
          p(
            `El desglose «${name}» usa un nombre reservado de los filtros (${RESERVED_PARAMETERS.join(", ")}).`,
            `The breakdown "${name}" uses a name the filters reserve (${RESERVED_PARAMETERS.join(", ")}).`,
          ),
        );
        continue;
      }
      const q = questions.get(name);
      if (!q) {
        problems.push(p(`El desglose «${name}» no es una pregunta de la encuesta.`, `The breakdown "${name}" is not a question of the survey.`));
        continue;
      }
      const type = q.getType();
      if (!SINGLE_CHOICE.has(type)) {
        problems.push(
          p(
            `El desglose «${name}» debe ser de opción única (radiogroup, dropdown o boolean), no ${type}.`,
            `The breakdown "${name}" must be a single-choice question (radiogroup, dropdown or boolean), not ${type}.`,
          ),
        );
        continue;
      }
      const json = q.toJSON() as Json;
      const choices: Choice[] =
        type === "boolean"
          ? [
              { value: "true", label: localizedText(json.labelTrue, "Sí", "Yes") },
              { value: "false", label: localizedText(json.labelFalse, "No", "No") },
            ]
          : choicesOf(json.choices);
      if (choices.length === 0) {
        problems.push(
          p(
            `El desglose «${name}» no tiene opciones fijas (choicesByUrl u opciones vacías no sirven).`,
            `The breakdown "${name}" has no fixed choices (choicesByUrl or empty choices cannot be used).`,
          ),
        );
        continue;
      }
      breakdowns.push({ name, kind: "question", title: title(q, name), choices });
    }
    if (breakdowns.filter((b) => b.kind === "question").length > MAX_QUESTION_BREAKDOWNS) {
      problems.push(
        p(
          `Se admiten como máximo ${MAX_QUESTION_BREAKDOWNS} desgloses por pregunta (más «unit»).`,
          `At most ${MAX_QUESTION_BREAKDOWNS} question breakdowns are supported (plus "unit").`,
        ),
      );
    }
  }

  // Open questions: declared, or every text and comment question.
  const openQuestions: NeedsDeclaration["openQuestions"] = [];
  if (decl.openQuestions !== undefined) {
    if (!Array.isArray(decl.openQuestions) || decl.openQuestions.some((b) => typeof b !== "string")) {
      problems.push(p("needsAssessment.openQuestions debe ser una lista de nombres.", "needsAssessment.openQuestions must be a list of names."));
    } else {
      for (const name of decl.openQuestions as string[]) {
        const q = questions.get(name);
        if (!q) problems.push(p(`La pregunta abierta «${name}» no existe.`, `The open question "${name}" does not exist.`));
        else if (!OPEN_TYPES.has(q.getType())) {
          problems.push(
            p(
              `La pregunta abierta «${name}» debe ser text o comment, no ${q.getType()}.`,
              `The open question "${name}" must be text or comment, not ${q.getType()}.`,
            ),
          );
        } else openQuestions.push({ name, title: title(q, name) });
      }
    }
  } else {
    for (const q of questions.values()) {
      const json = q.toJSON() as Json;
      const textual = q.getType() === "comment" || (q.getType() === "text" && (json.inputType ?? "text") === "text");
      if (textual) openQuestions.push({ name: q.name, title: title(q, q.name) });
    }
  }

  let minGroupSize: number | null = null;
  if (decl.minGroupSize !== undefined) {
    const k = decl.minGroupSize;
    if (typeof k !== "number" || !Number.isInteger(k) || k < 3) {
      problems.push(
        p(
          "needsAssessment.minGroupSize debe ser un entero de al menos 3 (confidencialidad).",
          "needsAssessment.minGroupSize must be an integer of at least 3 (confidentiality).",
        ),
      );
    } else minGroupSize = k;
  }

  const planning = readPlanning(decl.planning, questions, breakdowns, problems);

  if (problems.length > 0 || !matrixName || !importanceName || !competenceName || !imp || !comp) {
    return { ok: false, problems: problems.length ? problems : [p("needsAssessment no es válido.", "needsAssessment is not valid.")] };
  }
  const values = [...imp.values].sort((x, y) => x - y);
  return {
    ok: true,
    declaration: {
      matrix: matrixName,
      importance: importanceName,
      competence: competenceName,
      notApplicable: notApplicableName ?? null,
      titles: {
        matrix: title(matrixQ, matrixName),
        importance: localizedText(columns.get(importanceName)?.title, importanceName),
        competence: localizedText(columns.get(competenceName)?.title, competenceName),
        notApplicable: notApplicableName ? localizedText(columns.get(notApplicableName)?.title, notApplicableName) : null,
      },
      topics,
      scale: {
        values,
        min: values[0] as number,
        max: values[values.length - 1] as number,
        importanceLabels: imp.labels,
        competenceLabels: comp.labels,
      },
      breakdowns,
      openQuestions,
      minGroupSize,
      planning,
    },
  };
}

/** `needsAssessment.planning`: question names, breakdown names and the obstacles' implications. */
function readPlanning(raw: unknown, questions: Map<string, Question>, breakdowns: Breakdown[], problems: DeclarationProblem[]): PlanningDeclaration {
  const planning: PlanningDeclaration = {};
  if (raw === undefined) return planning;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    problems.push(p("needsAssessment.planning debe ser un objeto.", "needsAssessment.planning must be an object."));
    return planning;
  }
  const entries = Object.entries(raw as Json);
  for (const [key, value] of entries) {
    if ((PLANNING_FIELDS as readonly string[]).includes(key)) {
      if (typeof value !== "string" || !questions.has(value)) {
        problems.push(
          p(
            `needsAssessment.planning.${key}: «${String(value)}» no es una pregunta de la encuesta.`,
            `needsAssessment.planning.${key}: "${String(value)}" is not a question of the survey.`,
          ),
        );
      } else planning[key as PlanningField] = value;
    } else if ((PLANNING_BREAKDOWNS as readonly string[]).includes(key)) {
      if (typeof value !== "string" || !breakdowns.some((b) => b.kind === "question" && b.name === value)) {
        problems.push(
          p(
            `needsAssessment.planning.${key}: «${String(value)}» no es un desglose (breakdowns) de pregunta.`,
            `needsAssessment.planning.${key}: "${String(value)}" is not a question breakdown (breakdowns).`,
          ),
        );
      } else planning[key as (typeof PLANNING_BREAKDOWNS)[number]] = value;
    } else if (key !== "implications") {
      problems.push(p(`needsAssessment.planning: propiedad desconocida «${key}».`, `needsAssessment.planning: unknown property "${key}".`));
    }
  }
  const implications = (raw as Json).implications;
  if (implications !== undefined) {
    const obstacles = planning.obstacles ? questions.get(planning.obstacles) : undefined;
    const values = new Set(choicesOf(obstacles?.toJSON().choices).map((c) => c.value));
    if (!obstacles || !implications || typeof implications !== "object" || Array.isArray(implications)) {
      problems.push(
        p(
          "needsAssessment.planning.implications debe ser un objeto (opción de obstacles → texto).",
          "needsAssessment.planning.implications must be an object (choice of obstacles → text).",
        ),
      );
    } else {
      planning.implications = {};
      for (const [value, text] of Object.entries(implications as Json)) {
        if (!values.has(value)) {
          problems.push(
            p(
              `needsAssessment.planning.implications: «${value}» no es una opción de «${planning.obstacles}».`,
              `needsAssessment.planning.implications: "${value}" is not a choice of "${planning.obstacles}".`,
            ),
          );
        } else planning.implications[value] = localizedText(text, value);
      }
    }
  }
  return planning;
}

/** The declared breakdown of that name, if any. */
export function findBreakdown(declaration: NeedsDeclaration, name: string): Breakdown | undefined {
  return declaration.breakdowns.find((b) => b.name === name);
}
