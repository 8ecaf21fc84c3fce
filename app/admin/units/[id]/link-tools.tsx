"use client";
// Copy a unit's survey link, or print the page (the print stylesheet keeps only the flyers).
import { useTranslations } from "next-intl";
import { useState } from "react";

export function LinkTools({ url }: { url: string }) {
  const t = useTranslations("admin.units.unit");
  const [copied, setCopied] = useState(false);
  return (
    <div className="actions no-print">
      <button
        type="button"
        className="secondary small"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(url);
            setCopied(true);
          } catch {
            window.prompt(t("copy"), url);
          }
        }}
      >
        {t("copy")}
      </button>
      <button type="button" className="secondary small" onClick={() => window.print()}>
        {t("print")}
      </button>
      <span role="status" className="small-text">
        {copied ? t("copied") : ""}
      </span>
    </div>
  );
}
