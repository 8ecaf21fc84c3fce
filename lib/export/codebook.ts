// The data dictionary of the raw export: for every column its question text (es, en), type and,
// for coded columns, one line per code with its labels — ready for SPSS value labels or R factors.
import { answerColumns, type Cell } from "./columns";
import { META_COLUMNS } from "./responses-csv";

export const CODEBOOK_HEADER = ["column", "question_es", "question_en", "type", "code", "label_es", "label_en"];

const META_TEXT: Record<(typeof META_COLUMNS)[number], [string, string, string]> = {
  response_id: ["Identificador de la respuesta", "Response identifier", "text"],
  survey_version: ["Versión del cuestionario", "Questionnaire version", "text"],
  unit_code: ["Código de la unidad de distribución", "Distribution unit code", "text"],
  unit_name: ["Nombre de la unidad de distribución", "Distribution unit name", "text"],
  status: ["Estado", "Status", "code"],
  locale: ["Idioma en que se respondió", "Language answered in", "code"],
  started_at: ["Inicio (ISO 8601, UTC)", "Started (ISO 8601, UTC)", "datetime"],
  submitted_at: ["Envío (ISO 8601, UTC)", "Submitted (ISO 8601, UTC)", "datetime"],
  round: ["Ronda de la encuesta (1 = la primera; ver docs/rounds.md)", "Survey round (1 = the first; see docs/rounds.md)", "number"],
};

const META_CODES: Partial<Record<(typeof META_COLUMNS)[number], [string, string, string][]>> = {
  status: [
    ["complete", "Completa", "Complete"],
    ["partial", "Incompleta", "Partial"],
  ],
  locale: [
    ["es", "Español", "Spanish"],
    ["en", "Inglés", "English"],
  ],
};

const TYPE_CODES: Record<string, [string, string, string][]> = {
  binary: [
    ["1", "Marcado", "Selected"],
    ["0", "No marcado", "Not selected"],
  ],
  boolean: [
    ["1", "Sí", "Yes"],
    ["0", "No", "No"],
  ],
  rank: [["1", "1 = preferido; n = último", "1 = preferred; n = last"]],
};

export function codebookRecords(definition: object): Cell[][] {
  const out: Cell[][] = [];
  for (const name of META_COLUMNS) {
    const [es, en, type] = META_TEXT[name];
    const codes = META_CODES[name];
    if (codes) for (const [code, les, len] of codes) out.push([name, es, en, type, code, les, len]);
    else out.push([name, es, en, type, null, null, null]);
  }
  for (const col of answerColumns(definition)) {
    const codes = col.codes?.map((c) => [String(c.code), c.label.es, c.label.en] as const) ?? TYPE_CODES[col.type];
    if (codes) for (const [code, es, en] of codes) out.push([col.name, col.title.es, col.title.en, col.type, code, es, en]);
    else out.push([col.name, col.title.es, col.title.en, col.type, null, null, null]);
  }
  return out;
}
