// Bundles the browser code of the respondent pages (/s/*) with esbuild, without the Next.js client
// runtime: React + SurveyJS + the fill form in one script, a tiny script for the notice pages, and
// two stylesheets (the page's, render-blocking; SurveyJS's, needed only once the form is up).
// Output: public/assets/<name>-<hash>.{js,css} (+ .br), cached as immutable (next.config.js), and
// public/assets/manifest.json, which the /s/* route handlers read to name them. `--watch` (used by
// `npm run dev`) writes development builds to public/assets-dev/ instead, so that a production
// build is never replaced by one.
//   npx tsx scripts/build-respondent-assets.ts [--watch]
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { build, context, type BuildOptions, type Metafile, type Plugin } from "esbuild";
import type { RespondentAssets } from "../app/s/_page/respondent-assets";

const ROOT = path.resolve(__dirname, "..");
const SRC = path.join(ROOT, "app", "s", "_fill");

/** Entry name → source. The names are the manifest's keys, read by app/s/_page/respondent-assets.ts. */
const ENTRIES: Record<keyof RespondentAssets, string> = {
  fill: path.join(SRC, "fill-entry.tsx"),
  notice: path.join(SRC, "notice-entry.ts"),
  respondent: path.join(SRC, "respondent.css"),
  survey: path.join(SRC, "survey.css"),
  // No imports or exports survive bundling: the ESM output is also a classic script, as a
  // service worker registered without { type: "module" } must be (Firefox runs no module workers).
  worker: path.join(SRC, "service-worker.ts"),
};

type AssetManifest = RespondentAssets;

type Mode = "production" | "development";
/** Where each mode's files go; the URL path is the folder's name under public/. */
const FOLDER: Record<Mode, string> = { production: "assets", development: "assets-dev" };
const outdir = (mode: Mode) => path.join(ROOT, "public", FOLDER[mode]);

function manifestOf(meta: Metafile, mode: Mode): AssetManifest {
  const byInput = new Map<string, string>();
  for (const [out, info] of Object.entries(meta.outputs)) {
    if (info.entryPoint) byInput.set(path.resolve(ROOT, info.entryPoint), `/${FOLDER[mode]}/${path.basename(out)}`);
  }
  const manifest = {} as AssetManifest;
  for (const [name, input] of Object.entries(ENTRIES) as [keyof typeof ENTRIES, string][]) {
    const url = byInput.get(input);
    if (!url) throw new Error(`esbuild produced no output for ${path.relative(ROOT, input)}`);
    manifest[name] = url;
  }
  return manifest;
}

/**
 * <file>.br beside each production file, at Brotli's best setting (once, at build time): served
 * by app/assets-br/ to browsers that accept it, about a fifth smaller than the gzip Next.js makes
 * on the fly — on a phone at 400 kbit/s, seconds before the form is usable.
 */
function writeBrotli(file: string): void {
  const body = fs.readFileSync(file);
  const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length };
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, { params }));
}

function writeManifest(mode: Mode): Plugin {
  return {
    name: "write-manifest",
    setup(b) {
      b.onStart(() => {
        // Only this build's files stay: stale hashes would otherwise pile up.
        fs.rmSync(outdir(mode), { recursive: true, force: true });
      });
      b.onEnd((result) => {
        if (result.errors.length > 0 || !result.metafile) return;
        const manifest = manifestOf(result.metafile, mode);
        if (mode === "production") for (const url of Object.values(manifest)) writeBrotli(path.join(ROOT, "public", url));
        fs.writeFileSync(path.join(outdir(mode), "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
      });
    },
  };
}

function options(mode: Mode): BuildOptions {
  return {
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: outdir(mode),
    entryNames: "[name]-[hash]",
    bundle: true,
    minify: mode === "production",
    format: "esm",
    // The browsers Next.js 16 supports by default, so the respondent pages work wherever the
    // coordinator pages do.
    target: ["chrome111", "edge111", "firefox111", "safari16.4"],
    jsx: "automatic",
    define: { "process.env.NODE_ENV": JSON.stringify(mode) },
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
    plugins: [writeManifest(mode)],
  };
}

export async function buildRespondentAssets(): Promise<AssetManifest> {
  await build(options("production"));
  return JSON.parse(fs.readFileSync(path.join(outdir("production"), "manifest.json"), "utf8")) as AssetManifest;
}

/** Development: rebuilds (unminified, React's development build) on every change. */
export async function watchRespondentAssets(): Promise<() => Promise<void>> {
  const ctx = await context(options("development"));
  await ctx.watch();
  console.log("[sondeo] respondent assets: rebuilt on every change");
  return () => ctx.dispose();
}

async function main(): Promise<void> {
  if (process.argv.includes("--watch")) {
    await watchRespondentAssets();
    return;
  }
  const manifest = await buildRespondentAssets();
  console.log(`[sondeo] respondent assets built: ${Object.values(manifest).join(", ")}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
