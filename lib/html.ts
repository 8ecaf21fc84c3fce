// A tagged template for server-rendered HTML: every interpolated value is escaped unless it is
// marked trusted with `rawHtml` (authored survey content, or another `html` result). Arrays are
// joined. Used by the respondent pages, which are rendered without React on the server.

const TRUSTED = Symbol("trusted-html");

export interface TrustedHtml {
  readonly [TRUSTED]: true;
  readonly value: string;
}

export type HtmlValue = string | number | boolean | null | undefined | TrustedHtml | readonly HtmlValue[];

/** Escapes text for an element's content or a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Marks markup as trusted: it is inserted as is. Never pass answers or request data. */
export function rawHtml(value: string): TrustedHtml {
  return { [TRUSTED]: true, value };
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  if (typeof value === "object") return (value as TrustedHtml).value;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): TrustedHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return rawHtml(out);
}

/**
 * JSON for a `<script type="application/json">` block: `<` is written as \u003c so that no
 * value can close the element or open a comment; the browser reads it back with JSON.parse.
 */
export function jsonForScript(value: unknown): TrustedHtml {
  return rawHtml(
    JSON.stringify(value)
      .replace(/</g, "\\u003c")
      .replace(/\u2028/g, "\\u2028")
      .replace(/\u2029/g, "\\u2029"),
  );
}
