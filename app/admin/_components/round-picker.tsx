// Says which survey round a view shows (docs/rounds.md) and links to the same view in the other
// rounds, keeping its other parameters. Plain links: no client code.
import { getTranslations } from "next-intl/server";
import { ROUND_KEY, searchParamsOf, type SearchInput } from "@/lib/needs/filters";
import type { Round } from "@/lib/rounds/rounds";

export async function RoundPicker({
  rounds,
  current,
  basePath,
  search,
}: {
  rounds: readonly Round[];
  current: Round;
  basePath: string;
  /** The view's query; each link replaces its round. */
  search: SearchInput;
}) {
  const t = await getTranslations("rounds");
  const others = rounds.filter((r) => r.round !== current.round);
  const href = (round: number) => {
    const q = searchParamsOf(search);
    q.set(ROUND_KEY, String(round));
    return `${basePath}?${q.toString()}`;
  };
  return (
    <nav className="round-picker" aria-label={t("label")} data-testid="round-picker" data-round={current.round}>
      <strong>{t("showing", { name: current.name })}</strong>
      {others.length > 0 && (
        <span className="no-print">
          {" · "}
          {t("others")}{" "}
          {others.map((r, i) => (
            <span key={r.round}>
              {i > 0 && ", "}
              <a href={href(r.round)}>{r.name}</a>
            </span>
          ))}
        </span>
      )}
    </nav>
  );
}
