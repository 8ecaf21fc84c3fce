// The audit log's JSON details as a short readable line: "code: CR-TUM · expected: 18 → 40".
function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.map(show).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function formatAuditDetails(details: string | null): string {
  if (!details) return "—";
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return details;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return show(parsed);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (key === "changes" && value && typeof value === "object" && !Array.isArray(value)) {
      for (const [field, change] of Object.entries(value as Record<string, unknown>)) {
        parts.push(Array.isArray(change) && change.length === 2 ? `${field}: ${show(change[0])} → ${show(change[1])}` : `${field}: ${show(change)}`);
      }
    } else {
      parts.push(`${key}: ${show(value)}`);
    }
  }
  return parts.join(" · ") || "—";
}
