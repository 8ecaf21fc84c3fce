// How the aggregate CSV exports (needs.csv, compare.csv) name a group in their label column: the
// breakdown's choice label in the export's language, "Todos"/"Everyone" for everyone, and
// "Sin dato"/"No data" for respondents without that answer.
import type { Locale } from "./columns";

export const ALL_GROUPS = "(all)";

export function csvGroupLabel(locale: Locale, choiceLabels: ReadonlyMap<string, string>): (group: string | null) => string {
  return (group) => {
    if (group === ALL_GROUPS) return locale === "es" ? "Todos" : "Everyone";
    if (group === null) return locale === "es" ? "Sin dato" : "No data";
    return choiceLabels.get(group) ?? group;
  };
}
