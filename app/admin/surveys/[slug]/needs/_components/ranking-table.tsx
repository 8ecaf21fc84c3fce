"use client";
// The sortable ranking table: every topic with n, Ī, C̄, D̄, MWDS and rank, for everyone and for
// each group side by side. Suppressed groups show "fewer than k responses" instead of figures.
import { useMemo, useState } from "react";

export const METRICS = ["n", "meanImportance", "meanCompetence", "meanDiscrepancy", "mwds", "rank"] as const;
export type Metric = (typeof METRICS)[number];
export type Scores = Record<Metric, number | null>;

export interface RankingGroup {
  key: string;
  label: string;
  /** Completed responses, or null when suppressed. */
  n: number | null;
  /** Scores per topic code; null when the group is suppressed. */
  scores: Record<string, Scores> | null;
  note: string | null;
}

export interface RankingLabels {
  topic: string;
  columns: string;
  metrics: Record<Metric, string>;
  short: Record<Metric, string>;
  sortBy: string;
  sortedAsc: string;
  sortedDesc: string;
  caption: string;
}

interface Props {
  topics: { code: string; title: string }[];
  groups: RankingGroup[];
  labels: RankingLabels;
  locale: string;
}

type SortKey = { group: string; metric: Metric } | "topic";

export function RankingTable({ topics, groups, labels, locale }: Props) {
  const [shown, setShown] = useState<Set<Metric>>(new Set(METRICS));
  const first = groups[0]?.key ?? "";
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: { group: first, metric: "rank" }, asc: true });
  const fmt = useMemo(() => {
    const dec = new Intl.NumberFormat(locale === "en" ? "en" : "es-PE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return (m: Metric, v: number | null) => (v === null ? "–" : m === "n" || m === "rank" ? String(v) : dec.format(v));
  }, [locale]);
  const metrics = METRICS.filter((m) => shown.has(m));
  const rows = useMemo(() => {
    const order = new Map(topics.map((t, i) => [t.code, i]));
    const value = (code: string) => {
      if (sort.key === "topic") return order.get(code) ?? 0;
      const g = groups.find((x) => x.key === (sort.key as { group: string }).group);
      return g?.scores?.[code]?.[sort.key.metric] ?? null;
    };
    return [...topics].sort((a, b) => {
      const va = value(a.code);
      const vb = value(b.code);
      if (va === null || vb === null) return va === vb ? (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0) : va === null ? 1 : -1;
      return (sort.asc ? va - vb : vb - va) || (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0);
    });
  }, [topics, groups, sort]);

  const isSorted = (key: SortKey) =>
    key === "topic" ? sort.key === "topic" : sort.key !== "topic" && sort.key.group === key.group && sort.key.metric === key.metric;
  const ariaSort = (key: SortKey) => (isSorted(key) ? (sort.asc ? "ascending" : "descending") : undefined);
  const toggle = (key: SortKey) =>
    setSort((s) => ({ key, asc: isSorted(key) ? !s.asc : key === "topic" || (key as { metric: Metric }).metric === "rank" }));
  const header = (key: SortKey, text: string, title: string) => (
    <th scope="col" aria-sort={ariaSort(key)} key={typeof key === "string" ? key : `${key.group}-${key.metric}`}>
      <button type="button" className="sort-button" title={labels.sortBy.replace("{column}", title)} onClick={() => toggle(key)}>
        {text}
        <span aria-hidden="true">{isSorted(key) ? (sort.asc ? " ▲" : " ▼") : ""}</span>
      </button>
    </th>
  );

  return (
    <div>
      <fieldset className="metric-toggles no-print">
        <legend>{labels.columns}</legend>
        {METRICS.map((m) => (
          <label key={m}>
            <input
              type="checkbox"
              checked={shown.has(m)}
              onChange={() =>
                setShown((s) => {
                  const next = new Set(s);
                  if (next.has(m)) next.delete(m);
                  else next.add(m);
                  return next.size ? next : s;
                })
              }
            />{" "}
            {labels.metrics[m]}
          </label>
        ))}
      </fieldset>
      <div className="table-scroll">
        <table className="ranking-table">
          <caption>{labels.caption}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2} className="sticky-col">
                <button type="button" className="sort-button" onClick={() => toggle("topic")}>
                  {labels.topic}
                  <span aria-hidden="true">{isSorted("topic") ? (sort.asc ? " ▲" : " ▼") : ""}</span>
                </button>
              </th>
              {groups.map((g) => (
                <th key={g.key} scope="colgroup" colSpan={g.scores ? metrics.length : 1} className="group-head">
                  {g.label}
                  {g.n !== null && <span className="group-n"> (n = {g.n})</span>}
                </th>
              ))}
            </tr>
            <tr>
              {groups.map((g) =>
                g.scores ? (
                  metrics.map((m) => header({ group: g.key, metric: m }, labels.short[m], `${g.label} – ${labels.metrics[m]}`))
                ) : (
                  <th key={g.key} scope="col" className="suppressed-head">
                    –
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((topic, i) => (
              <tr key={topic.code}>
                <th scope="row" className="sticky-col topic-cell">
                  <span className="topic-code">{topic.code}</span> {topic.title}
                </th>
                {groups.map((g) =>
                  g.scores ? (
                    metrics.map((m, mi) => (
                      <td key={`${g.key}-${m}`} className={`num${m === "mwds" ? " strong" : ""}${mi === 0 ? " group-start" : ""}`}>
                        {fmt(m, g.scores?.[topic.code]?.[m] ?? null)}
                      </td>
                    ))
                  ) : i === 0 ? (
                    <td key={g.key} rowSpan={rows.length} className="suppressed-cell">
                      {g.note}
                    </td>
                  ) : null,
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
