// Matrix questions. A single-choice matrix, and each choice column of a dropdown matrix (such as
// the needs matrix's importance and competence ratings): a stacked bar per row and the table of
// its figures. Boolean and multiple-choice columns: how many ticked each option, per row.
import { getTranslations } from "next-intl/server";
import type { LocalizedText } from "@/lib/surveys/localized-text";
import { NO_ANSWER, type CountsRow, type PartitionRow, type SummarySection } from "@/lib/summary/question-summary";
import { HIDDEN_COLOUR, NO_ANSWER_COLOUR, optionColour } from "./palette";
import { StackedBarChart, type StackedRow, type StackedSeries } from "./stacked-bar-chart";
import { questionAnchor, type SummaryFormat } from "./summary-format";

type Matrix = Extract<SummarySection, { kind: "matrix" | "matrixdropdown" }>;
const HIDDEN_KEY = "__hidden";

/** The categories of a grid's rows in order (options first, "no answer" last). */
function columnsOf(rows: readonly { items: { value: string; label: LocalizedText }[] }[]) {
  const seen = new Map<string, LocalizedText>();
  for (const r of rows) for (const i of r.items) if (!seen.has(i.value)) seen.set(i.value, i.label);
  const keys = [...seen.keys()].filter((k) => k !== NO_ANSWER);
  if (seen.has(NO_ANSWER)) keys.push(NO_ANSWER);
  return keys.map((value) => ({ value, label: seen.get(value) as LocalizedText }));
}

async function PartitionGrid({ caption, rows, ordered, f }: { caption: string; rows: PartitionRow[]; ordered: boolean; f: SummaryFormat }) {
  const t = await getTranslations("summary");
  const columns = columnsOf(rows);
  const options = columns.filter((c) => c.value !== NO_ANSWER);
  const withStats = rows.some((r) => r.stats || r.statsHidden);
  const series: StackedSeries[] = [
    ...options.map((c, i) => ({ key: c.value, label: c.label[f.locale], colour: optionColour(i, options.length, ordered) })),
    ...(columns.some((c) => c.value === NO_ANSWER)
      ? [{ key: NO_ANSWER, label: columns.find((c) => c.value === NO_ANSWER)!.label[f.locale], colour: NO_ANSWER_COLOUR }]
      : []),
    { key: HIDDEN_KEY, label: t("matrix.hidden", { k: f.k }), colour: HIDDEN_COLOUR },
  ];
  const chartRows: StackedRow[] = rows.map((r) => {
    const values: Record<string, number> = {};
    let shown = 0;
    for (const i of r.items) {
      const bar = f.bar(i.share);
      if (bar !== null) {
        values[i.value] = bar;
        shown += bar;
      }
    }
    if (r.items.some((i) => i.hidden)) values[HIDDEN_KEY] = Math.max(0, Math.round((100 - shown) * 10) / 10);
    return { label: r.label[f.locale], values };
  });
  const anyHidden = chartRows.some((r) => HIDDEN_KEY in r.values);
  return (
    <>
      <div aria-hidden="true">
        <StackedBarChart series={anyHidden ? series : series.filter((s) => s.key !== HIDDEN_KEY)} rows={chartRows} />
      </div>
      <div className="table-scroll">
        <table className="data-table summary-table summary-grid">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("matrix.row")}</th>
              {columns.map((c) => (
                <th scope="col" key={c.value}>
                  {c.label[f.locale]}
                </th>
              ))}
              {withStats && <th scope="col">{t("mean")}</th>}
              {withStats && <th scope="col">{t("median")}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.value} data-row={r.value}>
                <th scope="row" className="summary-row-head">
                  {r.label[f.locale]}
                </th>
                <CountCells columns={columns} row={r} f={f} />
                {withStats && <td className="num">{r.stats ? f.dec(r.stats.mean) : r.statsHidden ? f.hidden : "–"}</td>}
                {withStats && <td className="num">{r.stats ? f.num(r.stats.median) : r.statsHidden ? f.hidden : "–"}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

async function CountsGrid({ caption, rows, f }: { caption: string; rows: CountsRow[]; f: SummaryFormat }) {
  const t = await getTranslations("summary");
  const columns = columnsOf(rows);
  return (
    <div className="table-scroll">
      <table className="data-table summary-table summary-grid">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("matrix.row")}</th>
            {columns.map((c) => (
              <th scope="col" key={c.value}>
                {c.label[f.locale]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.value} data-row={r.value}>
              <th scope="row" className="summary-row-head">
                {r.label[f.locale]}
              </th>
              <CountCells columns={columns} row={r} f={f} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export async function MatrixSection({ s, f }: { s: Matrix; f: SummaryFormat }) {
  const t = await getTranslations("summary");
  const id = questionAnchor(s.key);
  const title = s.title[f.locale];
  return (
    <section className="needs-card summary-question summary-wide" aria-labelledby={id} data-question={s.key} data-kind={s.kind}>
      <h3 id={id}>{title}</h3>
      {s.kind === "matrix" ? (
        <>
          <p className="needs-note">{t("matrix.intro")}</p>
          <PartitionGrid caption={title} rows={s.rows} ordered={s.numeric} f={f} />
        </>
      ) : (
        s.columns.map((c) => (
          <div key={c.name} className="summary-column" data-column={c.name}>
            <h4>{c.title[f.locale]}</h4>
            {c.kind === "choice" && (
              <>
                <p className="needs-note">{t("matrix.intro")}</p>
                <PartitionGrid caption={`${title} – ${c.title[f.locale]}`} rows={c.rows} ordered={c.numeric} f={f} />
              </>
            )}
            {c.kind === "counts" && (
              <>
                <p className="needs-note">{t("matrix.countsIntro")}</p>
                <CountsGrid caption={`${title} – ${c.title[f.locale]}`} rows={c.rows} f={f} />
              </>
            )}
            {c.kind === "other" && <p className="needs-note">{t("matrix.otherColumn", { column: c.title[f.locale] })}</p>}
          </div>
        ))
      )}
    </section>
  );
}

/** One row's count cells, in the columns' order ("–" where the row has no such category). */
function CountCells({ columns, row, f }: { columns: { value: string }[]; row: CountsRow; f: SummaryFormat }) {
  return columns.map((c) => {
    const item = row.items.find((i) => i.value === c.value);
    return (
      <td className="num" key={c.value} data-value={c.value} data-hidden={item?.hidden ?? undefined}>
        {item ? f.figure(item) : "–"}
      </td>
    );
  });
}
