// Bundles the browser code of the respondent pages (/s/*) with esbuild, without the Next.js client
// runtime: React + SurveyJS + the fill form in one script, a tiny script for the notice pages, and
// two stylesheets (the page's, render-blocking; SurveyJS's, needed only once the form is up).
// Output: public/assets/<name>-<hash>.{js,css}, cached as immutable (next.config.js), and
// public/assets/manifest.json, which the /s/* route handlers read to name them.
//   npx tsx scripts/build-respondent-assets.ts [--watch]
import fs from "node:fs";
import path from "node:path";
import { build, context, type BuildOptions, type Metafile, type Plugin } from "esbuild";

const ROOT = path.resolve(__dirname, "..");
export const ASSETS_DIR = path.join(ROOT, "public", "assets");
export const MANIFEST = path.join(ASSETS_DIR, "manifest.json");
const SRC = path.join(ROOT, "app", "s", "[slug]");

/** Entry name → source. The names are the manifest's keys (see app/s/_page/respondent-assets.ts). */
const ENTRIES = {
  fill: path.join(SRC, "fill-entry.tsx"),
  notice: path.join(SRC, "notice-entry.ts"),
  respondent: path.join(SRC, "respondent.css"),
  survey: path.join(SRC, "survey.css"),
};

export type AssetManifest = Record<keyof typeof ENTRIES, string>;

function manifestOf(meta: Metafile): AssetManifest {
  const byInput = new Map<string, string>();
  for (const [out, info] of Object.entries(meta.outputs)) {
    if (info.entryPoint && !out.endsWith(".map")) byInput.set(path.resolve(ROOT, info.entryPoint), `/assets/${path.basename(out)}`);
  }
  const manifest = {} as AssetManifest;
  for (const [name, input] of Object.entries(ENTRIES) as [keyof typeof ENTRIES, string][]) {
    const url = byInput.get(input);
    if (!url) throw new Error(`esbuild produced no output for ${path.relative(ROOT, input)}`);
    manifest[name] = url;
  }
  return manifest;
}

const writeManifest: Plugin = {
  name: "write-manifest",
  setup(b) {
    b.onStart(() => {
      // Only this build's files stay: stale hashes would otherwise pile up.
      fs.rmSync(ASSETS_DIR, { recursive: true, force: true });
    });
    b.onEnd((result) => {
      if (result.errors.length > 0 || !result.metafile) return;
      fs.writeFileSync(MANIFEST, JSON.stringify(manifestOf(result.metafile), null, 2) + "\n");
    });
  },
};

const OPTIONS: BuildOptions = {
  absWorkingDir: ROOT,
  entryPoints: ENTRIES,
  outdir: ASSETS_DIR,
  entryNames: "[name]-[hash]",
  bundle: true,
  minify: true,
  format: "esm",
  // The browsers Next.js 16 supports by default, so the respondent pages work wherever the
  // coordinator pages do.
  target: ["chrome111", "edge111", "firefox111", "safari16.4"],
  jsx: "automatic",
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
  plugins: [writeManifest],
};

export async function buildRespondentAssets(): Promise<AssetManifest> {
  await build(OPTIONS);
  return JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as AssetManifest;
}

/** Development: rebuilds (unminified, React's development build) on every change. */
export async function watchRespondentAssets(): Promise<() => Promise<void>> {
  const ctx = await context({ ...OPTIONS, minify: false, define: { "process.env.NODE_ENV": '"development"' } });
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
