// npx tsx bench/fill-page-weight.ts [--slug dnc-tim] [--no-browser]
// What a respondent downloads for the fill page, against the smallest page that renders the same
// survey. Ours: the built app on 127.0.0.1 (throwaway database), /s/{slug} and every script and
// stylesheet its HTML names, fetched with `accept-encoding: gzip`, counting the bytes on the wire;
// every static asset (/assets, /_next/static) must be `immutable`, the HTML gzip-encoded; then
// Chromium loads the page to catch anything fetched later that the HTML does not name. Baseline:
// bench/minimal-fill/entry.tsx bundled by esbuild (production, minified) into a static page,
// each file gzipped at level 6 (a typical server). Prints both tables and the ratio (target ≤ 1.1×).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { build } from "esbuild";
import { buildIfNeeded } from "../scripts/build-if-needed";
import { appSurveyCss, buildMinimalFill, ESBUILD, MINIMAL_FILES } from "./minimal-fill/build";
import { launchBrowser } from "../tests/support/browser";
import { startServer } from "../tests/support/server";

const ROOT = path.resolve(__dirname, "..");
const WORK = path.join(ROOT, "bench", ".work", "minimal-fill");
const IMMUTABLE = "public, max-age=31536000, immutable";
const TARGET = 1.1;

const { values } = parseArgs({
  options: { slug: { type: "string", default: "dnc-tim" }, "no-browser": { type: "boolean", default: false } },
});

interface Asset {
  name: string;
  kind: "html" | "js" | "css";
  part: Part;
  /** Bytes on the wire (compressed when the server compressed). */
  wire: number;
  /** Decompressed size. */
  raw: number;
  note?: string;
}

interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  wire: Buffer;
  body: Buffer;
}

/** GET with `accept-encoding: gzip`, keeping the bytes as they came over the wire. */
function get(url: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip", accept: "text/html,*/*" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const wire = Buffer.concat(chunks);
          const enc = res.headers["content-encoding"];
          const body = enc === "gzip" ? zlib.gunzipSync(wire) : enc ? Buffer.alloc(0) : wire;
          if (enc && enc !== "gzip") reject(new Error(`${url}: unexpected content-encoding ${enc}`));
          resolve({ status: res.statusCode ?? 0, headers: res.headers, wire, body });
        });
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag)?.[1]?.replace(/&amp;/g, "&");

/**
 * The scripts and stylesheets (and their preloads) the HTML makes the browser fetch. `noModule`
 * scripts (Next's legacy polyfills) are skipped by every browser that runs modules: listed apart.
 */
function assetUrls(html: string): { assets: { url: string; kind: "js" | "css" }[]; noModule: string[] } {
  const found = new Map<string, "js" | "css">();
  const noModule: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, "src");
    if (src && /\snomodule\b/i.test(tag)) noModule.push(src);
    else if (src) found.set(src, "js");
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(tag, "rel")?.toLowerCase() ?? "";
    const href = attr(tag, "href");
    if (!href) continue;
    const as = attr(tag, "as")?.toLowerCase();
    if (rel === "stylesheet" || (rel === "preload" && as === "style")) found.set(href, "css");
    else if (rel === "modulepreload" || (rel === "preload" && as === "script")) found.set(href, "js");
  }
  return { assets: [...found].map(([url, kind]) => ({ url, kind })), noModule };
}

const gz = (b: Buffer | string): number => zlib.gzipSync(b, { level: 6 }).length;
const kb = (n: number): string => (n / 1024).toFixed(1).padStart(8);
const sum = (assets: Asset[], keep: (a: Asset) => boolean = () => true): number => assets.filter(keep).reduce((s, a) => s + a.wire, 0);

/** Code that must never reach /s/*: the dashboard's charts, next-intl's and Next's client runtimes. */
const FORBIDDEN: { what: string; marker: string }[] = [
  { what: "Recharts (dashboard)", marker: "recharts-" },
  { what: "next-intl client runtime", marker: "MISSING_MESSAGE" },
  { what: "Next.js App Router runtime", marker: "__next_f" },
];
const isStatic = (url: string): boolean => url.startsWith("/_next/static/") || url.startsWith("/assets/");
/** Only survey-core contains this: tells the SurveyJS chunk(s) from the framework's. */
const SURVEY_CORE_MARKER = "isFileReaderAvailable";
const SURVEY_CSS_MARKER = ".sd-root-modern__wrapper";

function table(title: string, assets: Asset[]): number {
  console.log(`\n${title}`);
  console.log(`  ${"kind".padEnd(5)}${"gzip KiB".padStart(9)}${"raw KiB".padStart(9)}  asset`);
  for (const a of assets) {
    console.log(`  ${a.kind.padEnd(5)}${kb(a.wire)} ${kb(a.raw)}  ${a.name}${a.note ? `  (${a.note})` : ""}`);
  }
  const total = sum(assets);
  const byKind = (k: Asset["kind"]) => kb(sum(assets, (a) => a.kind === k)).trim();
  console.log(`  total ${kb(total).trim()} KiB gzip (${total} B): html ${byKind("html")}, js ${byKind("js")}, css ${byKind("css")}`);
  return total;
}

type Part = "js" | "html" | "surveyCss" | "pageCss";
const PARTS: Record<Part, string> = {
  js: "JS: React + SurveyJS (+ fill form)",
  html: "HTML + survey definition",
  surveyCss: "survey-core CSS (+ ours for it)",
  pageCss: "page CSS",
};

function partOf(kind: Asset["kind"], body: string): Part {
  if (kind === "html") return "html";
  if (kind === "css") return body.includes(SURVEY_CSS_MARKER) ? "surveyCss" : "pageCss";
  return "js";
}

interface AppFigures {
  assets: Asset[];
  late: Asset[];
  noModule: string[];
  problems: string[];
}

async function measureApp(): Promise<AppFigures> {
  buildIfNeeded();
  const server = await startServer();
  const problems: string[] = [];
  try {
    const pageUrl = `${server.url}/s/${values.slug}`;
    const page = await get(pageUrl);
    if (page.status !== 200) throw new Error(`${pageUrl}: HTTP ${page.status}`);
    if (page.headers["content-encoding"] !== "gzip") problems.push(`HTML not gzip-encoded (${page.headers["content-encoding"] ?? "identity"})`);
    const html = page.body.toString("utf8");
    const assets: Asset[] = [
      {
        name: `/s/${values.slug}`,
        kind: "html",
        part: "html",
        wire: page.wire.length,
        raw: page.body.length,
      },
    ];
    const named = assetUrls(html);
    const surveyCoreIn: boolean[] = [];
    for (const { url, kind } of named.assets) {
      const res = await get(new URL(url, pageUrl).href);
      if (res.status !== 200) problems.push(`${url}: HTTP ${res.status}`);
      const cache = res.headers["cache-control"];
      if (isStatic(url) && cache !== IMMUTABLE) problems.push(`${url}: cache-control ${cache ?? "(none)"}`);
      if (res.headers["content-encoding"] !== "gzip" && res.body.length > 1024) problems.push(`${url}: not gzip-encoded`);
      const body = res.body.toString("utf8");
      for (const f of FORBIDDEN) if (body.includes(f.marker)) problems.push(`${url}: contains ${f.what}`);
      surveyCoreIn.push(kind === "js" && body.includes(SURVEY_CORE_MARKER));
      const note = cache === IMMUTABLE ? "immutable" : `cache-control: ${cache ?? "none"}`;
      assets.push({ name: url, kind, part: partOf(kind, body), wire: res.wire.length, raw: res.body.length, note });
    }
    const surveyChunks = named.assets.filter((_, i) => surveyCoreIn[i]).length;
    if (surveyChunks !== 1) problems.push(`survey-core found in ${surveyChunks} chunks (expected exactly 1)`);
    const late = values["no-browser"] ? [] : await lateRequests(pageUrl, new Set(assets.map((a) => a.name)));
    return { assets, late, noModule: named.noModule, problems };
  } finally {
    await server.stop();
  }
}

/** Scripts and stylesheets Chromium fetches while the form comes up that the HTML did not name. */
async function lateRequests(pageUrl: string, named: Set<string>): Promise<Asset[]> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const seen: Promise<Asset>[] = [];
    page.on("response", (res) => {
      const type = res.request().resourceType();
      const { pathname } = new URL(res.url());
      if ((type !== "script" && type !== "stylesheet") || named.has(pathname)) return;
      const kind = type === "script" ? "js" : "css";
      seen.push(
        Promise.all([res.request().sizes(), res.body()]).then(([sizes, body]) => ({
          name: pathname,
          kind,
          part: partOf(kind, body.toString("utf8")),
          wire: sizes.responseBodySize,
          raw: body.length,
        })),
      );
    });
    await page.goto(pageUrl, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "Siguiente" }).waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    return await Promise.all(seen);
  } finally {
    await browser.close();
  }
}

async function measureBaseline(): Promise<Asset[]> {
  await buildMinimalFill(WORK);
  return MINIMAL_FILES.map(({ name, kind, part }) => {
    const body = fs.readFileSync(path.join(WORK, name));
    return { name, kind, part, wire: gz(body), raw: body.length };
  });
}

/**
 * The baseline cut into the same parts as ours: its script without the survey definition (which
 * our page carries in the HTML), and the definition counted with the HTML. Bundled and gzipped
 * apart, so the parts add up to a little more than the whole: to see where the difference lies.
 */
async function baselineParts(baseline: Asset[]): Promise<Record<Part, number>> {
  const bundle = async (contents: string, external: string[] = []): Promise<number> => {
    const out = await build({ ...ESBUILD, stdin: { contents, resolveDir: path.join(ROOT, "bench"), loader: "tsx" }, external, write: false });
    return gz(Buffer.from(out.outputFiles[0]!.contents));
  };
  const [js, definition] = await Promise.all([
    bundle(
      `import { createRoot } from "react-dom/client"; import { jsx } from "react/jsx-runtime"; import { Model } from "survey-core"; ` +
        `import "survey-core/i18n/spanish"; import { Survey } from "survey-react-ui"; console.log(createRoot, jsx, Model, Survey);`,
    ),
    bundle(`import d from "../surveys/dnc-tim.json"; console.log(d);`),
  ]);
  return {
    js,
    html: sum(baseline, (a) => a.kind === "html") + definition,
    surveyCss: sum(baseline, (a) => a.kind === "css"),
    pageCss: 0,
  };
}

async function main(): Promise<void> {
  const baseline = await measureBaseline();
  const parts = await baselineParts(baseline);
  const app = await measureApp();
  table(`Fill page /s/${values.slug} (next start, gzip from the server)`, app.assets);
  if (app.noModule.length > 0) console.log(`  not counted (noModule, skipped by browsers that run modules): ${app.noModule.join(", ")}`);
  if (app.late.length > 0) table("…and fetched later by Chromium, not named in the HTML (counted)", app.late);
  else if (!values["no-browser"]) console.log("  Chromium fetched no other script or stylesheet while the form came up");
  const base = table(`Baseline: React + survey-core + survey-react-ui alone (esbuild, minified, gzip -6), ${appSurveyCss()}`, baseline);
  const all = [...app.assets, ...app.late];
  const total = sum(all);

  console.log(`\nWhere the difference lies (gzip KiB; baseline parts bundled one by one)`);
  console.log(`  ${"part".padEnd(36)}${"ours".padStart(8)}${"baseline".padStart(10)}${"diff".padStart(9)}`);
  for (const [part, label] of Object.entries(PARTS) as [Part, string][]) {
    const ours = sum(all, (a) => a.part === part);
    const diff = (ours - parts[part]) / 1024;
    console.log(`  ${label.padEnd(36)}${kb(ours)}${kb(parts[part]).padStart(10)}${`${diff >= 0 ? "+" : ""}${diff.toFixed(1)}`.padStart(9)}`);
  }

  const ratio = total / base;
  console.log(`\nratio ${ratio.toFixed(3)}× (${total} B / ${base} B; target ≤ ${TARGET}×) ${ratio <= TARGET ? "OK" : "OVER"}`);
  console.log(
    app.problems.length === 0
      ? "checks: every static asset immutable, HTML gzip, SurveyJS in one chunk, no Recharts, next-intl or Next.js client runtime"
      : "problems:",
  );
  for (const p of app.problems) console.log(`  - ${p}`);
  if (app.problems.length > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
