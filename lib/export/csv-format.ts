// CSV dialects that open right in Excel (also Spanish-locale), R and SPSS, written with
// csv-stringify: UTF-8 with BOM, CRLF, RFC 4180 quoting, and text that a spreadsheet would run
// as a formula neutralised.
import { stringify, type Options } from "csv-stringify";
import type { Cell } from "./columns";

export type Separator = "comma" | "semicolon";

/** Text starting with one of these is run as a formula by spreadsheets (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made inert for spreadsheets; numbers stay numbers. */
export function neutralize(cell: Cell): Cell {
  return typeof cell === "string" && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * csv-stringify options for a dialect. With ";" (Spanish-locale Excel) decimals are written with
 * a comma, as that Excel expects; with "," they keep the point (R, SPSS, English Excel).
 */
export function csvOptions(separator: Separator, columns?: string[]): Options {
  const semicolon = separator === "semicolon";
  return {
    bom: true,
    delimiter: semicolon ? ";" : ",",
    record_delimiter: "windows",
    header: Boolean(columns),
    columns,
    cast: {
      number: (v) => (semicolon && !Number.isInteger(v) ? String(v).replace(".", ",") : String(v)),
      string: (v) => String(neutralize(v)),
    },
  };
}

/** A csv-stringify transform stream for the dialect. */
export function csvStream(separator: Separator, columns?: string[]) {
  return stringify(csvOptions(separator, columns));
}
