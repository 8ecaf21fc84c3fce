"use client";
// Edit an account's name, role and active flag; set a new password (admins).
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { FormStatus, type FormMessage } from "../../_components/form-status";
import { sendJson } from "../../send-json";
import { useApiError } from "../../use-api-error";

export function UserEditForm({ user }: { user: { id: number; name: string; role: "admin" | "analyst"; active: boolean } }) {
  const t = useTranslations("admin.users");
  const tc = useTranslations("admin.common");
  const apiError = useApiError();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<FormMessage>(null);
  const [pwMessage, setPwMessage] = useState<FormMessage>(null);

  async function onSave(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setPending(true);
    setMessage(null);
    const result = await sendJson("PATCH", `/api/admin/users/${user.id}`, {
      name: String(data.get("name") ?? ""),
      role: String(data.get("role") ?? user.role),
      active: data.get("active") === "on",
    });
    setPending(false);
    setMessage(result.ok ? { kind: "ok", text: tc("saved") } : { kind: "error", text: apiError(result) });
    if (result.ok) router.refresh();
  }

  async function onPassword(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setPending(true);
    setPwMessage(null);
    const result = await sendJson("POST", `/api/admin/users/${user.id}/password`, { password: String(data.get("password") ?? "") });
    setPending(false);
    if (result.ok) form.reset();
    setPwMessage(result.ok ? { kind: "ok", text: t("editPage.passwordSet") } : { kind: "error", text: apiError(result) });
  }

  return (
    <>
      <form className="card" onSubmit={onSave} aria-labelledby="user-details-title">
        <h2 id="user-details-title">{t("editPage.details")}</h2>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="user-name">{t("name")}</label>
            <input id="user-name" name="name" defaultValue={user.name} maxLength={120} />
          </div>
          <div className="field">
            <label htmlFor="user-role">{t("role")}</label>
            <select id="user-role" name="role" defaultValue={user.role}>
              <option value="analyst">{t("roles.analyst")}</option>
              <option value="admin">{t("roles.admin")}</option>
            </select>
          </div>
        </div>
        <p>
          <label className="checkbox">
            <input type="checkbox" name="active" defaultChecked={user.active} />
            {t("editPage.activeLabel")}
          </label>
        </p>
        <div className="actions">
          <button type="submit" disabled={pending}>
            {pending ? tc("saving") : tc("save")}
          </button>
          <FormStatus message={message} />
        </div>
      </form>
      <form className="card" onSubmit={onPassword} noValidate aria-labelledby="user-password-title">
        <h2 id="user-password-title">{t("editPage.password")}</h2>
        <div className="field" style={{ maxWidth: "24rem" }}>
          <label htmlFor="user-new-password">{t("editPage.newPassword")}</label>
          <input
            id="user-new-password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            aria-describedby="user-new-password-hint"
          />
          <span className="hint" id="user-new-password-hint">
            {t("add.passwordHint", { min: MIN_PASSWORD_LENGTH })}
          </span>
        </div>
        <div className="actions">
          <button type="submit" disabled={pending}>
            {t("editPage.setPassword")}
          </button>
          <FormStatus message={pwMessage} />
        </div>
      </form>
    </>
  );
}
