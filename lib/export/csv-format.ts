// The one CSV writer of the product (responses, codebook, needs, coverage, and any later export):
// dialects that open right in Excel (also Spanish-locale), R, SPSS and LibreOffice, written with
// csv-stringify: UTF-8 with BOM, CRLF, RFC 4180 quoting, and text that a spreadsheet would run as
// a formula neutralised.
import { Readable } from "node:stream";
import { stringify, type Options } from "csv-stringify";
import type { Cell } from "./columns";

export type Separator = "comma" | "semicolon";

/** Text starting with one of these is run as a formula by spreadsheets (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made inert for spreadsheets (the original text after a `'`); numbers stay numbers. */
export function neutralize(cell: Cell): Cell {
  return typeof cell === "string" && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * csv-stringify options for a dialect. With ";" (Spanish-locale Excel) decimals are written with
 * a comma, as that Excel expects; with "," they keep the point (R, SPSS, English Excel).
 */
function csvOptions(separator: Separator, columns?: string[]): Options {
  const semicolon = separator === "semicolon";
  return {
    bom: true,
    delimiter: semicolon ? ";" : ",",
    record_delimiter: "windows",
    // csv-stringify quotes a lone CR or LF only while record_delimiter is left at its default:
    // once it is set (CRLF here) it quotes just the full CRLF, and an open answer typed over two
    // lines (a plain LF) splits the row in Excel, R, Python and LibreOffice. RFC 4180 quotes any
    // field holding CR, LF, the separator or a quote.
    quote_record_delimiter: true,
    header: Boolean(columns),
    columns,
    cast: {
      number: (v) => (semicolon && !Number.isInteger(v) ? String(v).replace(".", ",") : String(v)),
      string: (v) => String(neutralize(v)),
    },
  };
}

/** A csv-stringify transform stream for the dialect: write records (arrays of cells), read CSV bytes. */
export function csvStream(separator: Separator, columns?: string[]) {
  return stringify(csvOptions(separator, columns));
}

/** CSV bytes for records already in memory (small exports: codebook, needs, coverage). */
export function csvFromRecords(records: Iterable<Cell[]>, separator: Separator, columns: string[]): Readable {
  return Readable.from(records, { objectMode: true }).pipe(csvStream(separator, columns));
}
