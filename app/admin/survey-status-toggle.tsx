"use client";
// Opens or closes a survey (admins); closing asks for confirmation.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "./send-json";
import { useApiError } from "./use-api-error";

export function SurveyStatusToggle({ slug, title, status }: { slug: string; title: string; status: "open" | "closed" }) {
  const t = useTranslations("admin.surveys");
  const apiError = useApiError();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = status === "open" ? "closed" : "open";
  return (
    <>
      <button
        type="button"
        className={next === "closed" ? "danger secondary" : ""}
        disabled={pending}
        onClick={async () => {
          if (next === "closed" && !window.confirm(t("confirmClose", { title }))) return;
          setPending(true);
          setError(null);
          const result = await sendJson("POST", `/api/admin/surveys/${encodeURIComponent(slug)}/status`, { status: next });
          setPending(false);
          if (!result.ok) setError(apiError(result));
          else router.refresh();
        }}
      >
        {next === "closed" ? t("doClose") : t("doOpen")}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
