"use client";
// Removes a survey nobody has answered, after a confirmation, and goes back to the list.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormStatus, type FormMessage } from "../../../_components/form-status";
import { sendJson } from "../../../send-json";
import { useApiError } from "../../../use-api-error";

export function RemoveSurveyButton({ slug, title }: { slug: string; title: string }) {
  const t = useTranslations("admin.manage.versions.remove");
  const apiError = useApiError();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<FormMessage>(null);
  return (
    <div className="actions">
      <button
        type="button"
        className="danger secondary"
        disabled={pending}
        onClick={async () => {
          if (!window.confirm(t("confirm", { survey: title }))) return;
          setPending(true);
          setMessage(null);
          const result = await sendJson("DELETE", `/api/admin/surveys/${encodeURIComponent(slug)}`);
          setPending(false);
          if (result.ok) router.push("/admin/surveys");
          else setMessage({ kind: "error", text: apiError(result) });
        }}
      >
        {t("button")}
      </button>
      <FormStatus message={message} />
    </div>
  );
}
