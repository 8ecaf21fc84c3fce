"use client";
// Deactivate / reactivate a unit and give it a new link code, each after a confirmation.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormStatus, type FormMessage } from "../../_components/form-status";
import { sendJson } from "../../send-json";
import { useApiError } from "../../use-api-error";

export function UnitActions({ unitId, active }: { unitId: number; active: boolean }) {
  const t = useTranslations("admin.units.unit");
  const apiError = useApiError();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<FormMessage>(null);

  async function run(confirmText: string | null, request: () => ReturnType<typeof sendJson>, okText?: string) {
    if (confirmText && !window.confirm(confirmText)) return;
    setPending(true);
    setMessage(null);
    const result = await request();
    setPending(false);
    if (!result.ok) setMessage({ kind: "error", text: apiError(result) });
    else {
      if (okText) setMessage({ kind: "ok", text: okText });
      router.refresh();
    }
  }

  return (
    <div className="actions">
      <button
        type="button"
        className={active ? "danger secondary" : ""}
        disabled={pending}
        onClick={() => run(active ? t("confirmDeactivate") : null, () => sendJson("PATCH", `/api/admin/units/${unitId}`, { active: !active }))}
      >
        {active ? t("deactivate") : t("activate")}
      </button>
      <button
        type="button"
        className="secondary"
        disabled={pending}
        onClick={() => run(t("confirmRegenerate"), () => sendJson("POST", `/api/admin/units/${unitId}/link`), t("regenerated"))}
      >
        {t("regenerate")}
      </button>
      <FormStatus message={message} />
    </div>
  );
}
