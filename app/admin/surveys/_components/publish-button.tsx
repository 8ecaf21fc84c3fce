"use client";
// Publishes one stored version after a confirmation; a version that no longer passes the checks
// is refused with its problems.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { LocalizedText } from "@/lib/surveys/localized-text";
import { FormStatus, type FormMessage } from "../../_components/form-status";
import { sendJson } from "../../send-json";
import { useApiError } from "../../use-api-error";
import { ProblemList } from "./problem-list";

export function PublishButton({ slug, version }: { slug: string; version: string }) {
  const t = useTranslations("admin.manage.versions");
  const apiError = useApiError();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<FormMessage>(null);
  const [problems, setProblems] = useState<LocalizedText[] | null>(null);

  async function publish() {
    if (!window.confirm(t("confirmPublish", { version }))) return;
    setPending(true);
    setMessage(null);
    setProblems(null);
    const result = await sendJson<{ problems?: LocalizedText[] }>(
      "POST",
      `/api/admin/surveys/${encodeURIComponent(slug)}/versions/${encodeURIComponent(version)}/publish`,
    );
    setPending(false);
    if (result.ok) {
      setMessage({ kind: "ok", text: t("published", { version }) });
      router.refresh();
    } else {
      setMessage({ kind: "error", text: apiError(result) });
      if (result.body.problems) setProblems(result.body.problems);
    }
  }

  return (
    <span className="publish-control">
      <button type="button" className="small" disabled={pending} onClick={publish}>
        {pending ? t("publishing") : t("publish")}
      </button>
      <FormStatus message={message} />
      {problems && <ProblemList problems={problems} />}
    </span>
  );
}
