"use client";
// Switches the interface between Spanish and English: sets the NEXT_LOCALE cookie and re-renders.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_COOKIE } from "@/i18n/locales";

export function LanguageSwitch() {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const other = locale === "en" ? "es" : "en";
  return (
    <button
      type="button"
      className="secondary small"
      lang={other === "en" ? "en" : "es-PE"}
      title={t("switchToLabel")}
      disabled={pending}
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${other}; path=/; max-age=31536000; samesite=lax`;
        startTransition(() => router.refresh());
      }}
    >
      {t("switchTo")}
    </button>
  );
}
