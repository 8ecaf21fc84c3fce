// The coverage table as CSV records, counts only; written by the exports' CSV writer
// (lib/export/csv-format.ts), which quotes and neutralises formula-looking unit names.
import type { Cell } from "../export/columns";
import { responseRate, type UnitCoverage } from "./coverage";

export const COVERAGE_CSV_HEADER = ["code", "name", "institution", "region", "expected", "started", "completed", "rate_percent"];

export function coverageCsvRows(rows: readonly UnitCoverage[], noUnitLabel: string): Cell[][] {
  return rows.map((r) => {
    const rate = responseRate(r);
    return [
      r.code,
      r.name ?? noUnitLabel,
      r.institution,
      r.region,
      r.expected,
      r.started,
      r.completed,
      rate === null ? null : Number(rate.toFixed(1)),
    ];
  });
}
