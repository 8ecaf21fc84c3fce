// Which releases a view's figures cover, how many completed responses wait for one, and why
// figures change only in releases (docs/confidentiality.md) — in plain words, on every aggregate view.
import { getTranslations } from "next-intl/server";
import { formatPeruDateTime } from "@/lib/time/lima-time";
import type { ReleaseSummary } from "@/lib/needs/needs-report";
import type { Locale } from "@/i18n/locales";

export async function ReleaseNote({ release, k, locale, dated }: { release: ReleaseSummary; k: number; locale: Locale; dated: boolean }) {
  const t = await getTranslations("needs.release");
  const day = (iso: string) => formatPeruDateTime(iso, locale).split(/,? /)[0] ?? iso;
  return (
    <div className="needs-release" data-testid="needs-release">
      <p>
        {release.asOf ? t("asOf", { date: formatPeruDateTime(release.asOf.releasedAt, locale), release: release.asOf.release }) : t("nothingYet")}{" "}
        <span data-testid="needs-pending" data-pending={release.pending}>
          {t("pending", { pending: release.pending })}
        </span>
        .
      </p>
      {dated && release.asOf && (
        <p data-testid="needs-release-covers">
          {release.covers
            ? t("covers", {
                fromRelease: release.covers.fromRelease,
                toRelease: release.covers.toRelease,
                first: day(release.covers.firstSubmittedAt),
                last: day(release.covers.lastSubmittedAt),
              })
            : t("noneInRange")}
        </p>
      )}
      <p className="needs-note">{t("rule", { k })}</p>
    </div>
  );
}
