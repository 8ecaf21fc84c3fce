"use client";
// Add or edit a unit. The server validates (same rules as the CSV import) and its bilingual
// messages are shown next to the fields they concern.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldError, UnitFields } from "@/lib/units/unit-fields";
import { sendJson } from "../send-json";
import { useApiError } from "../use-api-error";

export interface RegionOption {
  code: string;
  label: string;
}

type Props = { mode: "create"; regions: RegionOption[] } | { mode: "edit"; regions: RegionOption[]; unitId: number; initial: UnitFields };

export function UnitForm(props: Props) {
  const t = useTranslations("admin.units");
  const tc = useTranslations("admin.common");
  const locale = useLocale() === "en" ? "en" : "es";
  const apiError = useApiError();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const initial = props.mode === "edit" ? props.initial : undefined;
  const idp = props.mode === "edit" ? `unit-${props.unitId}` : "new-unit";

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const body = {
      code: String(data.get("code") ?? ""),
      name: String(data.get("name") ?? ""),
      institution: String(data.get("institution") ?? ""),
      region: String(data.get("region") ?? ""),
      expected: String(data.get("expected") ?? ""),
      ...(props.mode === "create" ? { active: true } : {}),
    };
    setPending(true);
    setErrors([]);
    setMessage(null);
    const result =
      props.mode === "create"
        ? await sendJson<{ unit: { id: number; code: string } }>("POST", "/api/admin/units", body)
        : await sendJson<{ unit: { id: number; code: string } }>("PATCH", `/api/admin/units/${props.unitId}`, body);
    setPending(false);
    if (!result.ok) {
      const fieldErrors = (result.body as { errors?: FieldError[] }).errors ?? [];
      setErrors(fieldErrors);
      setMessage({ kind: "error", text: fieldErrors[0]?.message[locale] ?? apiError(result) });
      return;
    }
    if (props.mode === "create") {
      router.push(`/admin/units/${result.body.unit.id}`);
    } else {
      setMessage({ kind: "ok", text: tc("saved") });
      router.refresh();
    }
  }

  const errorFor = (column: string) => errors.find((x) => x.column === column);
  const field = (
    name: "code" | "name" | "institution" | "expected",
    label: string,
    input: React.InputHTMLAttributes<HTMLInputElement>,
    hint?: string,
  ) => {
    const err = errorFor(name);
    const id = `${idp}-${name}`;
    const describedBy = [hint ? `${id}-hint` : "", err ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
    return (
      <div className={name === "name" ? "field wide" : "field"}>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          name={name}
          defaultValue={initial ? String(initial[name]) : undefined}
          aria-invalid={err ? true : undefined}
          aria-describedby={describedBy}
          {...input}
        />
        {hint && (
          <span className="hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
        {err && (
          <span className="field-error" id={`${id}-error`}>
            {err.message[locale]}
          </span>
        )}
      </div>
    );
  };
  const regionError = errorFor("region");

  return (
    <form onSubmit={onSubmit} noValidate aria-label={props.mode === "create" ? t("add.title") : t("edit.title")}>
      <div className="form-grid">
        {field("code", t("code"), { required: true, maxLength: 32, autoCapitalize: "characters", spellCheck: false }, t("codeHint"))}
        {field("name", t("name"), { required: true, maxLength: 200 })}
        {field("institution", t("institution"), { required: true, maxLength: 120, list: `${idp}-institutions` })}
        <div className="field">
          <label htmlFor={`${idp}-region`}>{t("region")}</label>
          <select
            id={`${idp}-region`}
            name="region"
            required
            defaultValue={initial?.region ?? ""}
            aria-invalid={regionError ? true : undefined}
            aria-describedby={regionError ? `${idp}-region-error` : undefined}
          >
            <option value="" disabled>
              {t("regionPlaceholder")}
            </option>
            {props.regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label} ({r.code})
              </option>
            ))}
          </select>
          {regionError && (
            <span className="field-error" id={`${idp}-region-error`}>
              {regionError.message[locale]}
            </span>
          )}
        </div>
        {field("expected", t("expected"), { required: true, type: "number", min: 0, max: 100000, step: 1, inputMode: "numeric" })}
      </div>
      <datalist id={`${idp}-institutions`}>
        <option value="Comisión regional" />
        <option value="Mesa de trabajo" />
        <option value="Superintendencia Nacional de Migraciones" />
        <option value="Policía Nacional del Perú" />
        <option value="Ministerio Público" />
        <option value="Poder Judicial" />
      </datalist>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? tc("saving") : props.mode === "create" ? t("add.submit") : t("edit.submit")}
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
