"use client";
// The es ⇄ en button. It stores the choice in the NEXT_LOCALE cookie and refreshes the server-
// rendered parts of the page; the fill form listens for the window event and switches the
// survey at once, without losing answers.
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";

export type Locale = "es" | "en";
export const LOCALE_EVENT = "sondeo:locale";

export interface LanguageSwitchProps {
  locale: Locale;
  /** For each current locale: the visible name of the other language and the button's label. */
  labels: Record<Locale, { switchTo: string; switchToLabel: string }>;
}

export function LanguageSwitch({ locale, labels }: LanguageSwitchProps) {
  const router = useRouter();
  const [current, setCurrent] = useState<Locale>(locale);
  const [, startTransition] = useTransition();
  useEffect(() => setCurrent(locale), [locale]);

  const next: Locale = current === "es" ? "en" : "es";
  const onClick = () => {
    document.cookie = `NEXT_LOCALE=${next}; path=/; max-age=31536000; SameSite=Lax`;
    document.documentElement.lang = next === "en" ? "en" : "es-PE";
    setCurrent(next);
    window.dispatchEvent(new CustomEvent<Locale>(LOCALE_EVENT, { detail: next }));
    startTransition(() => router.refresh());
  };
  return (
    <button type="button" className="secondary language-switch" onClick={onClick} title={labels[current].switchToLabel}>
      <span lang={next === "en" ? "en" : "es"}>{labels[current].switchTo}</span>
    </button>
  );
}
