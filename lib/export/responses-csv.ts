// The raw responses CSV: metadata columns first, then every answer column in questionnaire order.
// Rows flow from an iterator through csv-stringify with backpressure (Node streams), so memory
// stays flat however many responses there are.
import { Readable } from "node:stream";
import { answerColumns, type Cell, type Locale } from "./columns";
import { csvStream, type Separator } from "./csv-format";

export interface RawRow {
  id: string;
  survey_version: string;
  unit_code: string | null;
  unit_name: string | null;
  status: string;
  locale: string;
  started_at: string;
  submitted_at: string | null;
  round: number;
  data: string;
}

export interface RawCsvOptions {
  labels: Locale | null;
  separator: Separator;
}

export const META_COLUMNS = [
  "response_id",
  "survey_version",
  "unit_code",
  "unit_name",
  "status",
  "locale",
  "started_at",
  "submitted_at",
  "round",
] as const;

export function rawHeader(definition: object): string[] {
  return [...META_COLUMNS, ...answerColumns(definition).map((c) => c.name)];
}

export function rawRecord(definition: object, row: RawRow, labels: Locale | null): Cell[] {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  return [
    row.id,
    row.survey_version,
    row.unit_code,
    row.unit_name,
    row.status,
    row.locale,
    row.started_at,
    row.submitted_at,
    row.round,
    ...answerColumns(definition).map((c) => c.cell(data, labels)),
  ];
}

/**
 * A Node stream of CSV text for `rows`. `onEnd` runs once when the rows are exhausted or the
 * consumer goes away (to close the database reader).
 */
export function rawCsvStream(
  definition: object,
  rows: Iterable<RawRow> | AsyncIterable<RawRow>,
  options: RawCsvOptions,
  onEnd: () => void = () => undefined,
): Readable {
  async function* records() {
    try {
      for await (const row of rows) yield rawRecord(definition, row, options.labels);
    } finally {
      onEnd();
    }
  }
  const source = Readable.from(records(), { objectMode: true, highWaterMark: 64 });
  const csv = csvStream(options.separator, rawHeader(definition));
  source.on("error", (err) => csv.destroy(err));
  csv.on("close", () => source.destroy());
  return source.pipe(csv);
}
