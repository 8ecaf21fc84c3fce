// Builds the baseline page of the fill-page benchmarks (entry.tsx beside this file) into a folder:
// index.html, entry.js and entry.css, bundled by esbuild (production, minified), as a static page
// any web server can serve. Used by bench/fill-page-weight.ts and bench/respondent.ts.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(__dirname, "../..");
export const MINIMAL_ENTRY = path.join(ROOT, "bench/minimal-fill/entry.tsx");

export const ESBUILD = {
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  jsx: "automatic",
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "none",
  logLevel: "warning",
} as const;

/** The survey-core stylesheet the fill page links (app/s/_fill/survey.css), so the baseline uses the same one. */
export function appSurveyCss(): string {
  const src = fs.readFileSync(path.join(ROOT, "app/s/_fill/survey.css"), "utf8");
  const m = /@import\s+"(survey-core\/[^"]+\.css)"/.exec(src);
  if (!m) throw new Error("app/s/_fill/survey.css imports no survey-core stylesheet");
  return m[1]!;
}

export const MINIMAL_FILES = [
  { name: "index.html", kind: "html", part: "html" },
  { name: "entry.js", kind: "js", part: "js" },
  { name: "entry.css", kind: "css", part: "surveyCss" },
] as const;

/** Writes the baseline page into `dir` (emptied first). */
export async function buildMinimalFill(dir: string): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const css = appSurveyCss();
  const entrySrc = fs.readFileSync(MINIMAL_ENTRY, "utf8");
  if (!entrySrc.includes(`"${css}"`)) throw new Error(`bench/minimal-fill/entry.tsx must import "${css}", as the fill page does`);
  await build({ ...ESBUILD, entryPoints: [MINIMAL_ENTRY], outdir: dir });
  const html =
    '<!doctype html><html lang="es-PE"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Diagnóstico de necesidades de capacitación</title><link rel="stylesheet" href="entry.css">' +
    '<script type="module" src="entry.js"></script></head><body><div id="root"></div></body></html>';
  fs.writeFileSync(path.join(dir, "index.html"), html);
}
