// The coverage table as CSV rows (UTF-8 with BOM so Excel shows the accents), counts only.
import { csvSafeCell } from "./csv-safe-cell";
import { responseRate, type UnitCoverage } from "./coverage";

export const COVERAGE_CSV_HEADER = ["code", "name", "institution", "region", "expected", "started", "completed", "rate_percent"];

export function coverageCsvRows(rows: readonly UnitCoverage[], noUnitLabel: string): string[][] {
  return rows.map((r) => {
    const rate = responseRate(r);
    return [
      csvSafeCell(r.code ?? ""),
      csvSafeCell(r.name ?? noUnitLabel),
      csvSafeCell(r.institution ?? ""),
      csvSafeCell(r.region ?? ""),
      String(r.expected),
      String(r.started),
      String(r.completed),
      rate === null ? "" : rate.toFixed(1),
    ];
  });
}
