// Shows the resume code and link once the server has the response, so the person can continue
// on another device.
import { useState } from "react";
import { formatResumeCode } from "@/lib/codes/resume-code-format";
import type { Messages } from "@/i18n/messages";

export interface ResumeCodeBoxProps {
  code: string;
  slug: string;
  messages: Messages["fill"]["resume"];
}

export function ResumeCodeBox({ code, slug, messages: m }: ResumeCodeBoxProps) {
  const [copied, setCopied] = useState<"ok" | "failed" | null>(null);
  const link = `${window.location.origin}/s/${encodeURIComponent(slug)}?r=${encodeURIComponent(code)}`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("ok");
    } catch {
      setCopied("failed");
      const input = document.getElementById("resume-link") as HTMLInputElement | null;
      input?.select();
    }
  };

  return (
    <section className="resume-box" aria-labelledby="resume-heading">
      <h2 id="resume-heading">{m.heading}</h2>
      <p>{m.explain}</p>
      <p>
        {m.codeLabel}:{" "}
        <strong className="resume-code" translate="no">
          {formatResumeCode(code)}
        </strong>
      </p>
      <label htmlFor="resume-link">{m.linkLabel}</label>
      <div className="resume-link-row">
        <input id="resume-link" type="text" readOnly value={link} translate="no" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={() => void copy()}>
          {m.copy}
        </button>
      </div>
      <p className="resume-copied" role="status">
        {copied === "ok" ? m.copied : copied === "failed" ? m.copyFailed : ""}
      </p>
    </section>
  );
}
