// Dates as coordinators read them: Peru time (America/Lima, UTC−5, no daylight saving). The one
// place that knows the zone: Intl formats, day bounds in JavaScript and the offset SQL uses
// (db/dialect.ts peruDay).
export const PERU_TIME_ZONE = "America/Lima";
/** Hours behind UTC, all year. */
export const PERU_OFFSET_HOURS = 5;

/** An Intl date format in Peru time (`intlLocale` e.g. "es-PE", "en-GB"). */
export function peruDateFormat(intlLocale: string, options: Omit<Intl.DateTimeFormatOptions, "timeZone">): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(intlLocale, { ...options, timeZone: PERU_TIME_ZONE });
}

/** The UTC instant at which a Peru calendar day (YYYY-MM-DD) starts; undefined if malformed. */
export function peruDayStartIso(day: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const t = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(t)) return undefined;
  return new Date(t + (plusDays * 24 + PERU_OFFSET_HOURS) * 3600_000).toISOString();
}

/** Today's date in Peru. */
export function peruToday(now = new Date()): string {
  return new Date(now.getTime() - PERU_OFFSET_HOURS * 3600_000).toISOString().slice(0, 10);
}

/** "30/11/2026 10:04:05" (es) or "11/30/2026, 10:04:05 AM" (en), in Peru time. */
export function formatPeruDateTime(iso: string | null | undefined, locale: "es" | "en"): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return peruDateFormat(locale === "en" ? "en-US" : "es-PE", { dateStyle: "short", timeStyle: "medium" }).format(d);
}

/** Whether `s` is a calendar day YYYY-MM-DD ("2026-02-30" is not: Date.parse would roll it over to March). */
export function isCalendarDay(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
}
