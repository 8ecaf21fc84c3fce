// Runs `npm run build` (the respondent pages' assets, then `next build`) unless both are already
// built from the current sources (a stamp of the newest source mtime is kept in the build folder).
// Used by `npm start`, the tests and the benchmarks. `{ bench: true }` makes the benchmark build
// instead (SONDEO_BENCH_BUILD=1: .next-bench, with the baseline route; see next.config.js).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "public", "assets", "manifest.json");
const SOURCES = [
  "app",
  "lib",
  "db",
  "surveys",
  "i18n",
  "proxy.ts",
  "next.config.js",
  "package.json",
  "package-lock.json",
  "scripts/build-respondent-assets.ts",
];

function newestMtime(p: string): number {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export interface BuildOptions {
  /** The benchmark build (.next-bench) rather than the production one (.next). */
  bench?: boolean;
}

export function buildIfNeeded(options: BuildOptions = {}): void {
  const distDir = path.join(ROOT, options.bench ? ".next-bench" : ".next");
  const stampFile = path.join(distDir, "sondeo-build-stamp");
  const stamp = String(Math.max(...SOURCES.map(newestMtime)));
  const built = fs.existsSync(path.join(distDir, "BUILD_ID")) && fs.existsSync(MANIFEST);
  if (built && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) return;
  console.log(`[sondeo] building the app${options.bench ? " for the benchmarks" : ""} (respondent assets, then next build)…`);
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "scripts/build-respondent-assets.ts")], {
    cwd: ROOT,
    stdio: "inherit",
  });
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", SONDEO_BENCH_BUILD: options.bench ? "1" : "0" },
  });
  fs.writeFileSync(stampFile, stamp);
}
