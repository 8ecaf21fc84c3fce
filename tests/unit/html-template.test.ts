// The respondent pages are rendered with lib/html.ts: what a visitor or a survey author can put
// into them must come out as text, and the JSON handed to the form's script must come back intact.
import { describe, expect, it } from "vitest";
import { escapeHtml, html, jsonForScript, rawHtml } from "@/lib/html";

describe("html template", () => {
  it("escapes every interpolated value, in text and in attributes", () => {
    const payload = `"><img src=x onerror=alert(1)> & 'x'`;
    const out = html`<p title="${payload}">${payload}</p>`.value;
    expect(out).toBe(
      '<p title="&#34;&#62;&#60;img src=x onerror=alert(1)&#62; &#38; &#39;x&#39;">&#34;&#62;&#60;img src=x onerror=alert(1)&#62; &#38; &#39;x&#39;</p>',
    );
    expect(out).not.toContain("<img");
  });

  it("keeps accents and ñ as they are", () => {
    expect(html`<h1>${"Diagnóstico ¿Año? Señora"}</h1>`.value).toBe("<h1>Diagnóstico ¿Año? Señora</h1>");
  });

  it("inserts trusted markup and nested templates as they are, and joins lists", () => {
    const items = ["a<b", "c"].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>${rawHtml("<hr>")}`.value).toBe("<ul><li>a&#60;b</li><li>c</li></ul><hr>");
  });

  it("renders nothing for null, undefined and false, and numbers as text", () => {
    expect(html`[${null}${undefined}${false}${0}${5}]`.value).toBe("[05]");
  });

  it("escapeHtml leaves plain text alone", () => {
    expect(escapeHtml("Fiscalía – Tacna")).toBe("Fiscalía – Tacna");
  });

  it("JSON for a script element cannot close it, and parses back to the same value", () => {
    const value = { code: "</script><script>alert(1)</script>", comment: "<!-- x", sep: "a\u2028b\u2029c", tilde: "ñandú" };
    const out = jsonForScript(value).value;
    expect(out).not.toMatch(/<\/script|<!--/i);
    expect(out).not.toContain("\u2028");
    expect(JSON.parse(out)).toEqual(value);
  });
});
