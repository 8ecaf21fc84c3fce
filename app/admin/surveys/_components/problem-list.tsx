// Why a survey definition was refused: every problem, in the interface language.
import { useLocale } from "next-intl";
import type { LocalizedText } from "@/lib/surveys/localized-text";

export function ProblemList({ problems }: { problems: LocalizedText[] }) {
  const locale = useLocale() === "en" ? "en" : "es";
  return (
    <ul className="problem-list" data-testid="survey-problems">
      {problems.map((p, i) => (
        <li key={i}>{p[locale]}</li>
      ))}
    </ul>
  );
}
