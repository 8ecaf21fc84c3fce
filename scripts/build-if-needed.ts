// Runs `npm run build` (the respondent pages' assets, then `next build`) unless both are already
// built from the current sources (a stamp of the newest source mtime is kept in
// .next/sondeo-build-stamp). Used by `npm start`, the tests and the benchmarks.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const STAMP = path.join(ROOT, ".next", "sondeo-build-stamp");
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

export function buildIfNeeded(): void {
  const stamp = String(Math.max(...SOURCES.map(newestMtime)));
  const built = fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) && fs.existsSync(MANIFEST);
  if (built && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === stamp) return;
  console.log("[sondeo] building the app (respondent assets, then next build)…");
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "scripts/build-respondent-assets.ts")], {
    cwd: ROOT,
    stdio: "inherit",
  });
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.writeFileSync(STAMP, stamp);
}
