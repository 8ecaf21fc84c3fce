// Parses the distribution-list CSV (columns code,name,institution,region,expected,active) into
// validated units, or a report of every problem by line and column — never a partial result.
// Accepts "," or ";" (Excel in Spanish uses ";"), UTF-8 with or without BOM, Spanish headers.
import { parse } from "csv-parse/sync";
import { type FieldError, type UnitColumn, type UnitFields, validateUnitFields } from "./unit-fields";

export interface CsvLineError extends FieldError {
  /** 1-based line of the file (the header is line 1); 0 for problems with the whole file. */
  line: number;
}

export type UnitsCsvResult = { ok: true; units: (UnitFields & { line: number })[] } | { ok: false; errors: CsvLineError[] };

export const MAX_CSV_BYTES = 1024 * 1024;
export const MAX_CSV_ROWS = 5000;
/** Beyond this many problems the report stops listing them (the file needs fixing anyway). */
export const MAX_REPORTED_ERRORS = 200;

const HEADER_ALIASES: Record<string, UnitColumn> = {
  code: "code",
  codigo: "code",
  name: "name",
  nombre: "name",
  institution: "institution",
  institucion: "institution",
  comision: "institution",
  region: "region",
  expected: "expected",
  esperados: "expected",
  esperadas: "expected",
  esperado: "expected",
  active: "active",
  activo: "active",
  activa: "active",
};
const REQUIRED: UnitColumn[] = ["code", "name", "institution", "region", "expected"];

function fileError(code: string, es: string, en: string, line = 0, column: CsvLineError["column"] = "file"): CsvLineError {
  return { line, column, code, message: { es, en } };
}

function headerKey(cell: string): string {
  return cell
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase();
}

/** ";" when the header line has more semicolons than commas, else ",". */
export function detectDelimiter(text: string): ";" | "," {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

export function decodeCsv(input: string | Uint8Array): { text: string } | { error: CsvLineError } {
  if (typeof input !== "string") {
    if (input.byteLength > MAX_CSV_BYTES) {
      return { error: fileError("too_large", "El archivo supera 1 MB.", "The file is larger than 1 MB.") };
    }
    try {
      input = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      return {
        error: fileError(
          "not_utf8",
          "El archivo no está en UTF-8. En Excel use «Guardar como» › «CSV UTF-8 (delimitado por comas)».",
          'The file is not UTF-8. In Excel use "Save as" › "CSV UTF-8 (comma delimited)".',
        ),
      };
    }
  }
  return { text: input.replace(/^\uFEFF/, "") };
}

export function parseUnitsCsv(input: string | Uint8Array): UnitsCsvResult {
  const decoded = decodeCsv(input);
  if ("error" in decoded) return { ok: false, errors: [decoded.error] };
  const text = decoded.text;
  if (text.trim() === "") {
    return { ok: false, errors: [fileError("empty", "El archivo está vacío.", "The file is empty.")] };
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const options = { delimiter: detectDelimiter(text), info: true, relax_column_count: true, skip_empty_lines: true };
    records = parse(text, options) as unknown as typeof records;
  } catch (e) {
    const line = Number((e as { lines?: number }).lines ?? 0);
    return {
      ok: false,
      errors: [
        fileError(
          "malformed_csv",
          `El archivo no es un CSV válido (revise las comillas): ${(e as Error).message}`,
          `The file is not valid CSV (check the quotes): ${(e as Error).message}`,
          line,
          "line",
        ),
      ],
    };
  }
  const startLine = (r: { record: string[]; info: { lines: number } }) =>
    r.info.lines - r.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);

  const [header, ...rows] = records;
  if (!header) return { ok: false, errors: [fileError("empty", "El archivo está vacío.", "The file is empty.")] };
  const headerLine = startLine(header);
  const errors: CsvLineError[] = [];
  const columns: (UnitColumn | undefined)[] = header.record.map((cell) => HEADER_ALIASES[headerKey(cell)]);
  header.record.forEach((cell, i) => {
    const col = columns[i];
    if (!col && cell.trim() !== "") {
      errors.push(
        fileError(
          "unknown_column",
          `Columna desconocida «${cell.trim()}». Columnas válidas: code, name, institution, region, expected, active.`,
          `Unknown column "${cell.trim()}". Valid columns: code, name, institution, region, expected, active.`,
          headerLine,
          "line",
        ),
      );
    } else if (col && columns.indexOf(col) !== i) {
      errors.push(fileError("duplicate_column", `La columna «${col}» aparece dos veces.`, `Column "${col}" appears twice.`, headerLine, col));
    }
  });
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    errors.push(
      fileError(
        "missing_columns",
        `Falta la fila de encabezado o las columnas: ${missing.join(", ")}. La primera línea debe ser: code,name,institution,region,expected,active`,
        `Missing header row or columns: ${missing.join(", ")}. The first line must be: code,name,institution,region,expected,active`,
        headerLine,
        "line",
      ),
    );
  }
  if (errors.length > 0) return { ok: false, errors };

  const dataRows = rows.filter((r) => r.record.some((cell) => cell.trim() !== ""));
  if (dataRows.length === 0) {
    return { ok: false, errors: [fileError("no_rows", "El archivo no tiene filas de unidades.", "The file has no unit rows.")] };
  }
  if (dataRows.length > MAX_CSV_ROWS) {
    return {
      ok: false,
      errors: [fileError("too_many_rows", `Más de ${MAX_CSV_ROWS} filas.`, `More than ${MAX_CSV_ROWS} rows.`)],
    };
  }
  const units: (UnitFields & { line: number })[] = [];
  const firstLineOfCode = new Map<string, number>();
  for (const row of dataRows) {
    const line = startLine(row);
    if (row.record.length !== header.record.length) {
      errors.push(
        fileError(
          "field_count",
          `La línea tiene ${row.record.length} campos; el encabezado tiene ${header.record.length}.`,
          `The line has ${row.record.length} fields; the header has ${header.record.length}.`,
          line,
          "line",
        ),
      );
      continue;
    }
    const raw: Partial<Record<UnitColumn, string>> = {};
    columns.forEach((col, i) => {
      if (col) raw[col] = row.record[i];
    });
    const result = validateUnitFields(raw);
    if (!result.ok) {
      errors.push(...result.errors.map((e) => ({ ...e, line })));
      continue;
    }
    const seen = firstLineOfCode.get(result.value.code);
    if (seen !== undefined) {
      errors.push(
        fileError(
          "duplicate_code",
          `El código ${result.value.code} ya aparece en la línea ${seen}.`,
          `Code ${result.value.code} already appears on line ${seen}.`,
          line,
          "code",
        ),
      );
      continue;
    }
    firstLineOfCode.set(result.value.code, line);
    units.push({ ...result.value, line });
  }
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_REPORTED_ERRORS) };
  return { ok: true, units };
}
