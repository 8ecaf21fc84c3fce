// A response's answers to its survey's breakdown questions, as the text stored in the dimension
// slots (db/schema.ts): choice codes as given, numbers in decimal, yes/no as "true" / "false".
// db/queries/survey-dimensions.ts writes the same text from stored JSON in SQL.
import type { NeedsDeclaration } from "./declaration";

export function breakdownValue(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return null;
}

/** Question breakdown name → the response's value (null when unanswered). */
export function breakdownValues(
  declaration: Pick<NeedsDeclaration, "breakdowns"> | undefined,
  data: Record<string, unknown>,
): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const b of declaration?.breakdowns ?? []) if (b.kind === "question") out.set(b.name, breakdownValue(data[b.name]));
  return out;
}
