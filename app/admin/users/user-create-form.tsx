"use client";
// Adds a coordinator account with a role and an initial password (admins).
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { FormStatus, type FormMessage } from "../_components/form-status";
import { sendJson } from "../send-json";
import { useApiError } from "../use-api-error";

export function UserCreateForm() {
  const t = useTranslations("admin.users");
  const tc = useTranslations("admin.common");
  const apiError = useApiError();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<FormMessage>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setPending(true);
    setMessage(null);
    const result = await sendJson<{ user: { email: string } }>("POST", "/api/admin/users", {
      email: String(data.get("email") ?? "").trim(),
      name: String(data.get("name") ?? ""),
      role: String(data.get("role") ?? "analyst"),
      password: String(data.get("password") ?? ""),
    });
    setPending(false);
    if (!result.ok) {
      setMessage({ kind: "error", text: apiError(result) });
      return;
    }
    form.reset();
    setMessage({ kind: "ok", text: t("add.created", { email: result.body.user.email }) });
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="add-user-title">
      <h2 id="add-user-title">{t("add.title")}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="new-user-email">{t("email")}</label>
          <input id="new-user-email" name="email" type="email" autoComplete="off" required maxLength={320} />
        </div>
        <div className="field">
          <label htmlFor="new-user-name">{t("name")}</label>
          <input id="new-user-name" name="name" maxLength={120} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="new-user-role">{t("role")}</label>
          <select id="new-user-role" name="role" defaultValue="analyst">
            <option value="analyst">{t("roles.analyst")}</option>
            <option value="admin">{t("roles.admin")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="new-user-password">{t("add.password")}</label>
          <input
            id="new-user-password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            aria-describedby="new-user-password-hint"
          />
          <span className="hint" id="new-user-password-hint">
            {t("add.passwordHint", { min: MIN_PASSWORD_LENGTH })}
          </span>
        </div>
      </div>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? tc("saving") : t("add.submit")}
        </button>
        <FormStatus message={message} />
      </div>
    </form>
  );
}
