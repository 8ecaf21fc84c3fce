// Dates as coordinators read them: Peru time (America/Lima, UTC−5, no daylight saving).
export const PERU_TIME_ZONE = "America/Lima";
const OFFSET_HOURS = 5;

/** The UTC instant at which a Peru calendar day (YYYY-MM-DD) starts; undefined if malformed. */
export function peruDayStartIso(day: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const t = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(t)) return undefined;
  return new Date(t + (plusDays * 24 + OFFSET_HOURS) * 3600_000).toISOString();
}

/** Today's date in Peru. */
export function peruToday(now = new Date()): string {
  return new Date(now.getTime() - OFFSET_HOURS * 3600_000).toISOString().slice(0, 10);
}

/** "30/11/2026 10:04:05" (es) or "11/30/2026, 10:04:05 AM" (en), in Peru time. */
export function formatPeruDateTime(iso: string | null | undefined, locale: "es" | "en"): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === "en" ? "en-US" : "es-PE", {
    timeZone: PERU_TIME_ZONE,
    dateStyle: "short",
    timeStyle: "medium",
  }).format(d);
}
