"use client";
// Uploads a CSV of units (POST /api/admin/units/import). Either everything is imported or
// nothing is, and then every problem is listed by line and column.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { CsvLineError } from "@/lib/units/parse-units-csv";
import { sendJson } from "../send-json";
import { TableWrap } from "../table-wrap";
import { useApiError } from "../use-api-error";

export function UnitsImportForm() {
  const t = useTranslations("admin.units.import");
  const locale = useLocale() === "en" ? "en" : "es";
  const apiError = useApiError();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [problems, setProblems] = useState<CsvLineError[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = (new FormData(e.currentTarget).get("file") as File | null) ?? null;
    if (!file || file.size === 0) return;
    setPending(true);
    setDone(null);
    setProblems(null);
    setError(null);
    const result = await sendJson<{ created: string[]; updated: string[]; errors?: CsvLineError[] }>("POST", "/api/admin/units/import", undefined, {
      contentType: "text/csv",
      raw: await file.arrayBuffer(),
    });
    setPending(false);
    if (result.ok) {
      setDone(t("done", { created: result.body.created.length, updated: result.body.updated.length }));
      router.refresh();
    } else if (result.body.errors) {
      setProblems(result.body.errors);
    } else {
      setError(apiError(result));
    }
    requestAnimationFrame(() => reportRef.current?.focus());
  }

  return (
    <form onSubmit={onSubmit} aria-labelledby="import-title">
      <h2 id="import-title">{t("title")}</h2>
      <p className="muted small-text">{t("help")}</p>
      <details className="small-text">
        <summary>{t("example")}</summary>
        <pre className="mono">{`code;name;institution;region;expected;active\nCR-TUM;Comisión Regional – Tumbes;Comisión regional;PE-TUM;18;sí\nMT-ICA;Mesa de Trabajo – Ica;Mesa de trabajo;PE-ICA;7;no`}</pre>
      </details>
      <div className="field">
        <label htmlFor="units-csv">{t("file")}</label>
        <input id="units-csv" name="file" type="file" accept=".csv,text/csv" required />
      </div>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </button>
      </div>
      <div ref={reportRef} tabIndex={-1} aria-live="polite">
        {done && <p className="notice ok">{done}</p>}
        {error && <p className="notice error">{error}</p>}
        {problems && (
          <>
            <p className="notice error">{t("failed", { count: problems.length })}</p>
            <TableWrap label={t("title")}>
              <table className="data" data-testid="import-report">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t("line")}
                    </th>
                    <th scope="col">{t("column")}</th>
                    <th scope="col">{t("problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {problems.map((p, i) => (
                    <tr key={i}>
                      <td className="num">{p.line || "—"}</td>
                      <td className="mono">{p.column === "line" || p.column === "file" ? "—" : p.column}</td>
                      <td>{p.message[locale]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        )}
      </div>
    </form>
  );
}
