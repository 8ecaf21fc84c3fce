"use client";
// Sign-in form: POST /api/auth/login, then on to `next` (already checked to be a local path).
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { sendJson } from "../send-json";
import { useApiError } from "../use-api-error";

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("admin.login");
  const apiError = useApiError();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const result = await sendJson("POST", "/api/auth/login", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    if (result.ok) {
      router.replace(next);
      router.refresh();
      return;
    }
    setPending(false);
    // The server words these in the visitor's language (cookie or browser preference).
    const known = result.status === 401 || result.status === 429 || result.status === 400;
    setError(known && result.body.message ? result.body.message : apiError(result));
    requestAnimationFrame(() => errorRef.current?.focus());
  }

  return (
    <form className="card login-card" onSubmit={onSubmit} noValidate>
      {error && (
        <p className="notice error" role="alert" tabIndex={-1} ref={errorRef} id="login-error">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor="login-email">{t("email")}</label>
        <input
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          // biome-ignore lint/a11y/noAutofocus: the sign-in page has one task, and this is its first field
          autoFocus
          aria-describedby={error ? "login-error" : undefined}
        />
      </div>
      <div className="field" style={{ marginTop: "0.75rem" }}>
        <label htmlFor="login-password">{t("password")}</label>
        <input id="login-password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </button>
      </div>
    </form>
  );
}
