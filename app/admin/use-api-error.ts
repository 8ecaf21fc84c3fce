"use client";
// Turns a failed API answer into a sentence in the interface language.
import { useTranslations } from "next-intl";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import type { ApiResult } from "./send-json";

export function useApiError(): (result: ApiResult<unknown>) => string {
  const t = useTranslations("admin.errors");
  return (result) => {
    if (result.status === 0) return t("network");
    if (result.status === 401) return t("unauthenticated");
    if (result.status === 403) return t(result.body.error === "bad_origin" ? "bad_origin" : "forbidden");
    if (result.status === 413) return t("payload_too_large");
    const code = result.body.error ?? "";
    const issues = (result.body as { issues?: { field: string; code: string }[] }).issues ?? [];
    if (issues.some((i) => i.code === "password_too_short")) return t("password_too_short", { min: MIN_PASSWORD_LENGTH });
    if (issues.some((i) => i.field === "email")) return t("invalid_email");
    if (t.has(code as "generic")) return t(code as "generic", { min: MIN_PASSWORD_LENGTH });
    return t("generic");
  };
}
