// The URLs of the respondent pages' scripts and stylesheets, from the manifest that
// scripts/build-respondent-assets.ts writes next to them (their names carry a content hash).
import fs from "node:fs";
import path from "node:path";

export interface RespondentAssets {
  fill: string;
  notice: string;
  respondent: string;
  survey: string;
  /** The service worker's code (served by app/s/sw.js, not linked by any page). */
  worker: string;
}

const PRODUCTION = process.env.NODE_ENV === "production";
// `npm run dev` keeps its development builds apart (scripts/build-respondent-assets.ts --watch).
const MANIFEST = path.join(process.cwd(), "public", PRODUCTION ? "assets" : "assets-dev", "manifest.json");
let cached: RespondentAssets | undefined;

export function respondentAssets(): RespondentAssets {
  if (cached) return cached;
  let manifest: RespondentAssets;
  try {
    manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as RespondentAssets;
  } catch (err) {
    throw new Error(`The respondent pages' assets are not built (${MANIFEST}): run \`npm run build\` (or \`npm run dev\`).`, { cause: err });
  }
  // In development the watcher rebuilds them under new names: read the manifest every time.
  if (PRODUCTION) cached = manifest;
  return manifest;
}
