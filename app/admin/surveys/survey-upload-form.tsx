"use client";
// "New survey": a SurveyJS JSON from a file or pasted, sent to POST /api/admin/surveys. Shows what
// the server made of it: every problem in the interface language, or the summary of the stored
// draft with the way to its preview and its versions.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { LocalizedText } from "@/lib/surveys/localized-text";
import type { SurveySummary } from "@/surveys/survey-summary";
import { sendJson } from "../send-json";
import { useApiError } from "../use-api-error";
import { ProblemList } from "./_components/problem-list";
import { SummaryView } from "./_components/summary-view";

interface Stored {
  slug: string;
  version: string;
  isNew: boolean;
  surveyCreated: boolean;
  published: boolean;
  summary: SurveySummary;
}

type Outcome = { kind: "stored"; stored: Stored } | { kind: "problems"; problems: LocalizedText[] } | { kind: "error"; text: string };

export function SurveyUploadForm() {
  const t = useTranslations("admin.manage.upload");
  const tm = useTranslations("admin.manage");
  const tv = useTranslations("admin.manage.versions");
  const apiError = useApiError();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get("file");
    const pasted = String(form.get("json") ?? "").trim();
    const raw = file instanceof File && file.size > 0 ? await file.arrayBuffer() : pasted ? pasted : null;
    if (raw === null) {
      setOutcome({ kind: "error", text: t("empty") });
      requestAnimationFrame(() => reportRef.current?.focus());
      return;
    }
    setPending(true);
    setOutcome(null);
    const result = await sendJson<Stored & { problems?: LocalizedText[] }>("POST", "/api/admin/surveys", undefined, { raw });
    setPending(false);
    if (result.ok) {
      setOutcome({ kind: "stored", stored: result.body });
      router.refresh();
    } else if (result.body.error === "invalid_survey" && result.body.problems) {
      setOutcome({ kind: "problems", problems: result.body.problems });
    } else {
      setOutcome({ kind: "error", text: apiError(result) });
    }
    requestAnimationFrame(() => reportRef.current?.focus());
  }

  const stored = outcome?.kind === "stored" ? outcome.stored : null;
  const base = stored ? `/admin/surveys/${encodeURIComponent(stored.slug)}/versions` : "";
  return (
    <form onSubmit={onSubmit} aria-labelledby="upload-title">
      <h2 id="upload-title">{t("title")}</h2>
      <p className="muted small-text">{t("help")}</p>
      <div className="field">
        <label htmlFor="survey-file">{t("file")}</label>
        <input id="survey-file" name="file" type="file" accept=".json,application/json" />
      </div>
      <div className="field">
        <label htmlFor="survey-json">
          {t("paste")} <span className="muted">({t("or")})</span>
        </label>
        <textarea id="survey-json" name="json" rows={6} className="mono" spellCheck={false} />
      </div>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </button>
      </div>
      <div ref={reportRef} tabIndex={-1} aria-live="polite" data-testid="upload-result">
        {outcome?.kind === "error" && <p className="notice error">{outcome.text}</p>}
        {outcome?.kind === "problems" && (
          <div className="notice error">
            <p className="notice-heading">{t("invalid", { count: outcome.problems.length })}</p>
            <ProblemList problems={outcome.problems} />
          </div>
        )}
        {stored && (
          <div className="notice ok">
            <p className="notice-heading">
              {t("valid")}{" "}
              {stored.published
                ? t("storedPublished", { version: stored.version })
                : stored.isNew
                  ? t("storedNew", { version: stored.version })
                  : t("storedAgain", { version: stored.version })}
            </p>
            {stored.surveyCreated && <p>{t("newSurvey")}</p>}
            <SummaryView summary={stored.summary} />
            <p className="actions">
              <Link className="button" href={`${base}/${stored.version}/preview`}>
                {tv("preview")}
              </Link>
              <Link className="button secondary" href={base}>
                {tm("versionsLink")}
              </Link>
            </p>
          </div>
        )}
      </div>
    </form>
  );
}
