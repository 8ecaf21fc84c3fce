// Spreadsheet formula injection: a cell that starts with = + - @ (or a tab/CR) is run as a
// formula by Excel and LibreOffice; prefixing an apostrophe makes it plain text.
import { neutralize } from "./export/csv-format";

export function csvSafeCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  return String(neutralize(value));
}
