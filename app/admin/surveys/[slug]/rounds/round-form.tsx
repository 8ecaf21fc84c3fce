"use client";
// Open a new round of a survey (POST …/rounds) or rename one and change its dates (PATCH
// …/rounds/{n}). The server checks everything; its problems are shown in the interface language.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ROUND_NAME_MAX, type Round } from "@/lib/rounds/rounds";
import { type ApiResult, sendJson } from "../../../send-json";
import { useApiError } from "../../../use-api-error";

type Props = { slug: string; mode: "create" } | { slug: string; mode: "edit"; round: Round };

export function RoundForm(props: Props) {
  const t = useTranslations("rounds");
  const apiError = useApiError();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const initial = props.mode === "edit" ? props.round : undefined;
  const idp = initial ? `round-${initial.round}` : "new-round";
  const base = `/api/admin/surveys/${encodeURIComponent(props.slug)}/rounds`;

  /** One problem of the rounds API (in English) in the interface language; an unknown one as sent. */
  function problemText(problem: string): string {
    if (problem.startsWith("name:")) return problem.includes("at most") ? t("problems.nameLong", { max: ROUND_NAME_MAX }) : t("problems.nameMissing");
    if (problem.includes("YYYY-MM-DD")) return t("problems.date", { field: problem.startsWith("opensOn") ? t("opensOn") : t("closesOn") });
    if (problem.startsWith("closesOn: must not be before")) return t("problems.closesBeforeOpens");
    if (problem.startsWith("opensOn: must not be before")) return t("problems.beforePrevious");
    if (problem.startsWith("opensOn: must not be after")) return t("problems.afterNext");
    return problem;
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const date = (key: string) => String(data.get(key) ?? "").trim() || null;
    const body = { name: String(data.get("name") ?? ""), opensOn: date("opensOn"), closesOn: date("closesOn") };
    setPending(true);
    setMessage(null);
    const result: ApiResult<Round> = initial
      ? await sendJson<Round>("PATCH", `${base}/${initial.round}`, body)
      : await sendJson<Round>("POST", base, body);
    setPending(false);
    if (!result.ok) {
      const problems = (result.body as { problems?: string[] }).problems;
      const reason = result.body.error === "invalid_round" && problems?.length ? problems.map(problemText).join(" ") : apiError(result);
      setMessage({ kind: "error", text: t("error", { message: reason }) });
      return;
    }
    const saved = result.body;
    setMessage({ kind: "ok", text: initial ? t("saved", { round: saved.round }) : t("created", { round: saved.round, name: saved.name }) });
    if (!initial) form.reset();
    router.refresh();
  }

  const input = (name: "name" | "opensOn" | "closesOn", label: string, attrs: React.InputHTMLAttributes<HTMLInputElement>, hint?: string) => {
    const id = `${idp}-${name}`;
    return (
      <div className={name === "name" && !initial ? "field wide" : "field"}>
        <label htmlFor={id}>{label}</label>
        <input id={id} name={name} defaultValue={initial?.[name] ?? undefined} aria-describedby={hint ? `${id}-hint` : undefined} {...attrs} />
        {hint && (
          <span className="hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
      </div>
    );
  };

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={initial ? t("editRound", { round: initial.round }) : t("newRound")}
      data-testid={initial ? `round-form-${initial.round}` : "new-round-form"}
    >
      <div className="form-grid">
        {input("name", t("name"), { required: true, maxLength: ROUND_NAME_MAX, placeholder: initial ? undefined : t("namePlaceholder") })}
        {input("opensOn", t("opensOn"), { type: "date" }, initial ? undefined : t("opensOnHint"))}
        {input("closesOn", t("closesOn"), { type: "date" }, t("closesOnHint"))}
      </div>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? t("saving") : initial ? t("edit") : t("create")}
        </button>
        {message && (
          <span className={message.kind === "ok" ? "notice ok" : "notice error"} role={message.kind === "ok" ? "status" : "alert"}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
