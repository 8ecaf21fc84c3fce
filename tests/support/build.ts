// Builds the Next.js app once for integration and e2e tests. A stamp of the sources' mtimes in
// .next/ lets repeated local runs skip an unchanged build; CI (fresh clone) always builds.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const STAMP = path.join(ROOT, ".next", "sondeo-build-stamp");
const SOURCES = ["app", "lib", "db", "surveys", "i18n", "next.config.js", "package.json", "package-lock.json"];

function newestMtime(p: string): number {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function buildOnce(): void {
  const stamp = String(Math.max(...SOURCES.map(newestMtime)));
  if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === stamp) return;
  console.log("[tests] building the app (next build)…");
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.writeFileSync(STAMP, stamp);
}
