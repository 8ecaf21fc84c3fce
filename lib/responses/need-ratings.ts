// Turns a completed response's need matrix into the long rows the dashboards aggregate, reading the
// matrix, column names and scale from the survey's needs declaration.
import type { NeedsDeclaration } from "../needs/declaration";

export interface NeedRating {
  topic: string;
  importance: number | null;
  competence: number | null;
  notApplicable: boolean;
}

type Declared = Pick<NeedsDeclaration, "matrix" | "importance" | "competence" | "notApplicable" | "topics" | "scale">;

/** A "not applicable" cell: a boolean true, or a checkbox with something ticked. */
function isTicked(v: unknown): boolean {
  return v === true || (Array.isArray(v) && v.length > 0);
}

export function extractNeedRatings(declaration: Declared, data: Record<string, unknown>): NeedRating[] {
  const matrix = data[declaration.matrix];
  const rows = (matrix && typeof matrix === "object" ? matrix : {}) as Record<string, Record<string, unknown> | undefined>;
  const scale = new Set(declaration.scale.values);
  const rating = (v: unknown): number | null => (typeof v === "number" && scale.has(v) ? v : null);
  return declaration.topics.map(({ code }) => {
    const row = rows[code] ?? {};
    const notApplicable = declaration.notApplicable !== null && isTicked(row[declaration.notApplicable]);
    return {
      topic: code,
      importance: notApplicable ? null : rating(row[declaration.importance]),
      competence: notApplicable ? null : rating(row[declaration.competence]),
      notApplicable,
    };
  });
}
