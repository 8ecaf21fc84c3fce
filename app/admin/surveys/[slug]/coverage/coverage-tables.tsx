// The coverage tables (server components): by unit, sortable through the URL, with the units
// under the reminder threshold highlighted; and totals by institution or region.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import {
  type CoverageSortKey,
  type CoverageView,
  coverageSearch,
  formatRate,
  type GroupCoverage,
  isUnitGroup,
  needsReminder,
  responseRate,
  totalCoverage,
  type UnitCoverage,
} from "@/lib/coverage/coverage";
import { regionLabel } from "@/lib/units/regions";
import { TableWrap } from "@/app/admin/table-wrap";

type Locale = "es" | "en";

function RateCell({ completed, expected, locale }: { completed: number; expected: number; locale: Locale }) {
  const rate = responseRate({ completed, expected });
  return (
    <td className="num">
      {formatRate(rate, locale)}
      {rate !== null && (
        <span className="rate-bar" aria-hidden="true">
          <span style={{ width: `${Math.min(100, rate)}%` }} />
        </span>
      )}
    </td>
  );
}

export async function UnitCoverageTable(props: { rows: UnitCoverage[]; view: CoverageView; basePath: string; locale: Locale }) {
  const { rows, view, basePath, locale } = props;
  const t = await getTranslations("admin.coverage");
  const tu = await getTranslations("admin.units");
  const header = (key: CoverageSortKey, label: string, numeric = false) => {
    const current = view.sort === key;
    const nextDir = current && view.dir === "asc" ? "desc" : "asc";
    return (
      <th scope="col" className={numeric ? "num" : undefined} aria-sort={current ? (view.dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link
          className="sort-link"
          href={`${basePath}${coverageSearch({ ...view, sort: key, dir: nextDir })}`}
          aria-label={t("sortBy", { column: label })}
        >
          {label} {current ? (view.dir === "asc" ? "▲" : "▼") : ""}
        </Link>
      </th>
    );
  };
  return (
    <TableWrap label={t("byUnit")}>
      <table className="data" data-testid="coverage-by-unit">
        <thead>
          <tr>
            {header("code", tu("code"))}
            {header("name", t("unit"))}
            {header("institution", tu("institution"))}
            {header("region", tu("region"))}
            {header("started", t("started"), true)}
            {header("completed", t("completed"), true)}
            {header("expected", t("expected"), true)}
            {header("rate", t("rate"), true)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const below = needsReminder(r, view.below);
            const classes = [below ? "is-below" : "", r.active ? "" : "is-inactive"].filter(Boolean).join(" ") || undefined;
            return (
              <tr key={r.unitId ?? "none"} className={classes} data-unit={r.code ?? ""}>
                <td className="mono">{r.code ?? "—"}</td>
                <th scope="row" className="unit-name">
                  {r.unitId === null ? (
                    <>
                      <em>{t("noUnit")}</em> <span className="muted small-text">({t("noUnitHint")})</span>
                    </>
                  ) : (
                    r.name
                  )}{" "}
                  {!r.active && <span className="badge off">{t("inactive")}</span>}
                  {below && <span className="badge warn">{t("remind")}</span>}
                </th>
                <td>{r.institution ?? "—"}</td>
                <td>{r.region ? regionLabel(r.region, locale) : "—"}</td>
                <td className="num" data-col="started">
                  {r.started}
                </td>
                <td className="num" data-col="completed">
                  {r.completed}
                </td>
                <td className="num">{r.unitId === null ? "—" : r.expected}</td>
                <RateCell completed={r.completed} expected={r.expected} locale={locale} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

export async function GroupCoverageTable(props: { rows: GroupCoverage[]; by: "institution" | "region"; locale: Locale; caption: string }) {
  const { rows, by, locale, caption } = props;
  const t = await getTranslations("admin.coverage");
  const tu = await getTranslations("admin.units");
  const total = totalCoverage(rows, isUnitGroup);
  const unitCount = rows.reduce((n, r) => n + r.units, 0);
  return (
    <TableWrap label={caption}>
      <table className="data" data-testid={`coverage-by-${by}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{by === "institution" ? tu("institution") : tu("region")}</th>
            <th scope="col" className="num">
              {t("units")}
            </th>
            <th scope="col" className="num">
              {t("started")}
            </th>
            <th scope="col" className="num">
              {t("completed")}
            </th>
            <th scope="col" className="num">
              {t("expected")}
            </th>
            <th scope="col" className="num">
              {t("rate")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key ?? "none"}>
              <th scope="row" style={{ fontWeight: 400 }}>
                {r.key === null ? <em>{t("noUnit")}</em> : by === "region" ? regionLabel(r.key, locale) : r.key}
              </th>
              <td className="num">{r.units}</td>
              <td className="num">{r.started}</td>
              <td className="num">{r.completed}</td>
              <td className="num">{r.key === null ? "—" : r.expected}</td>
              <RateCell completed={r.completed} expected={r.key === null ? 0 : r.expected} locale={locale} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("total")}</th>
            <td className="num">{unitCount}</td>
            <td className="num">{total.started}</td>
            <td className="num">{total.completed}</td>
            <td className="num">{total.expected}</td>
            <RateCell completed={total.completed - total.withoutUnit.completed} expected={total.expected} locale={locale} />
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}
