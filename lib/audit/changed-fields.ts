// What an edit changed, for the audit log: { field: [before, after] } for each differing field.
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  keys: readonly (keyof T & string)[],
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of keys) {
    if (k in after && after[k] !== before[k]) out[k] = [before[k], after[k]];
  }
  return out;
}
