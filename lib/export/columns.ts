// The export layout of a survey, derived from its definition: one column per answer in
// questionnaire order. Matrices flatten to "<question>.<row>.<column>", multiple choice to one
// 0/1 column per option, rankings to one rank column per option. Used for the raw CSV and the
// codebook, so both always agree.
import { Model, type Question } from "survey-core";
import "@/lib/surveys/surveyjs-setup";
import { localizedText as localized, type LocalizedText } from "@/lib/surveys/localized-text";

export type ColumnType = "text" | "number" | "boolean" | "code" | "binary" | "rank" | "json";
export type Cell = string | number | null;
export type Locale = "es" | "en";

export interface Code {
  code: string | number;
  label: LocalizedText;
}

export interface ExportColumn {
  name: string;
  title: LocalizedText;
  type: ColumnType;
  codes?: Code[];
  /** The cell for one response's data; `labels` gives option labels instead of codes. */
  cell(data: Record<string, unknown>, labels: Locale | null): Cell;
}

type AnyQuestion = Question & Record<string, any>;
type Item = { value: unknown; toJSON(): unknown };

function itemCodes(items: Item[]): Code[] {
  return items.map((item) => {
    const json = item.toJSON();
    const text = json && typeof json === "object" ? (json as { text?: unknown }).text : undefined;
    return { code: item.value as string | number, label: localized(text, String(item.value)) };
  });
}

function joinTitle(a: LocalizedText, b: LocalizedText): LocalizedText {
  return { es: `${a.es} – ${b.es}`, en: `${a.en} – ${b.en}` };
}

function titleOf(q: AnyQuestion): LocalizedText {
  const json = q.toJSON() as { title?: unknown };
  return localized(json.title, q.name);
}

const get = (obj: unknown, key: string): unknown =>
  obj !== null && typeof obj === "object" && !Array.isArray(obj) ? (obj as Record<string, unknown>)[key] : undefined;

function scalar(type: ColumnType, value: unknown, codes: Code[] | undefined, labels: Locale | null): Cell {
  if (value === undefined || value === null) return null;
  if (type === "boolean") {
    if (labels) return value === true ? (labels === "es" ? "Sí" : "Yes") : labels === "es" ? "No" : "No";
    return value === true ? 1 : value === false ? 0 : String(value);
  }
  if (type === "code" && labels && codes) {
    const found = codes.find((c) => c.code === value);
    if (found) return found.label[labels];
  }
  if (typeof value === "number" || typeof value === "string") return value;
  return JSON.stringify(value);
}

function valueColumns(q: AnyQuestion, name: string, title: LocalizedText, path: (d: Record<string, unknown>) => unknown): ExportColumn[] {
  const type = q.getType();
  if (["radiogroup", "dropdown", "rating", "buttongroup"].includes(type)) {
    const codes =
      type === "rating" && (q.rateValues as Item[]).length === 0
        ? rangeCodes(q.rateMin as number, q.rateMax as number, (q.rateStep as number) || 1)
        : itemCodes(choiceItems(q));
    return [{ name, title, type: "code", codes, cell: (d, l) => scalar("code", path(d), codes, l) }];
  }
  if (["checkbox", "tagbox", "ranking"].includes(type)) {
    const codes = itemCodes(choiceItems(q));
    const ranking = type === "ranking";
    return codes.map((c) => ({
      name: `${name}.${c.code}`,
      title: joinTitle(title, c.label),
      type: ranking ? ("rank" as const) : ("binary" as const),
      cell: (d: Record<string, unknown>) => {
        const list = path(d);
        if (!Array.isArray(list)) return null;
        const index = list.indexOf(c.code);
        return ranking ? (index >= 0 ? index + 1 : null) : index >= 0 ? 1 : 0;
      },
    }));
  }
  if (type === "boolean") {
    return [{ name, title, type: "boolean", cell: (d, l) => scalar("boolean", path(d), undefined, l) }];
  }
  if (type === "text" && ["number", "range"].includes(q.inputType as string)) {
    return [{ name, title, type: "number", cell: (d) => scalar("number", path(d), undefined, null) }];
  }
  if (type === "text" || type === "comment") {
    return [{ name, title, type: "text", cell: (d) => scalar("text", path(d), undefined, null) }];
  }
  return [{ name, title, type: "json", cell: (d) => scalar("json", path(d), undefined, null) }];
}

function rangeCodes(min: number, max: number, step: number): Code[] {
  const out: Code[] = [];
  for (let v = min; v <= max; v += step) out.push({ code: v, label: { es: String(v), en: String(v) } });
  return out;
}

function choiceItems(q: AnyQuestion): Item[] {
  const items = [...((q.choices as Item[]) ?? [])];
  for (const flag of ["Other", "None", "Refuse", "DontKnow"]) {
    const item = q[`${flag.charAt(0).toLowerCase()}${flag.slice(1)}Item`] as Item | undefined;
    if (q[`show${flag}Item`] && item) items.push(item);
  }
  return items;
}

function questionColumns(q: AnyQuestion): ExportColumn[] {
  const type = q.getType();
  const key = q.getValueName() as string;
  const title = titleOf(q);
  if (type === "html" || type === "image" || type === "expression") return [];
  if (type === "matrixdropdown") {
    const rows = itemCodes(q.rows as Item[]);
    const firstRow = (q.visibleRows as { cells: { column: { name: string }; question: AnyQuestion }[] }[])[0];
    const out: ExportColumn[] = [];
    for (const row of rows) {
      for (const cell of firstRow?.cells ?? []) {
        const colTitle = localized((cell.column as unknown as { toJSON(): { title?: unknown } }).toJSON().title, cell.column.name);
        out.push(
          ...valueColumns(cell.question, `${key}.${row.code}.${cell.column.name}`, joinTitle(joinTitle(title, row.label), colTitle), (d) =>
            get(get(get(d, key), String(row.code)), cell.column.name),
          ),
        );
      }
    }
    return out;
  }
  if (type === "matrix") {
    const codes = itemCodes(q.columns as Item[]);
    return itemCodes(q.rows as Item[]).map((row) => ({
      name: `${key}.${row.code}`,
      title: joinTitle(title, row.label),
      type: "code" as const,
      codes,
      cell: (d: Record<string, unknown>, l: Locale | null) => scalar("code", get(get(d, key), String(row.code)), codes, l),
    }));
  }
  if (type === "multipletext") {
    return (q.items as { name: string; editor: AnyQuestion; toJSON(): { title?: unknown } }[]).flatMap((item) =>
      valueColumns(item.editor, `${key}.${item.name}`, joinTitle(title, localized(item.toJSON().title, item.name)), (d) =>
        get(get(d, key), item.name),
      ),
    );
  }
  const cols = valueColumns(q, key, title, (d) => d[key]);
  if (q.showOtherItem || q.showCommentArea) {
    cols.push({
      name: `${key}-Comment`,
      title: joinTitle(title, { es: "comentario", en: "comment" }),
      type: "text",
      cell: (d) => scalar("text", d[`${key}-Comment`], undefined, null),
    });
  }
  return cols;
}

const layouts = new WeakMap<object, ExportColumn[]>();

/** The answer columns of a survey, in questionnaire order (cached per definition). */
export function answerColumns(definition: object): ExportColumn[] {
  let cols = layouts.get(definition);
  if (!cols) {
    const model = new Model(definition);
    cols = (model.getAllQuestions(false, false, false) as AnyQuestion[]).flatMap(questionColumns);
    layouts.set(definition, cols);
  }
  return cols;
}
