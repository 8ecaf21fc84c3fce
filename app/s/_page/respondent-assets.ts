// The URLs of the respondent pages' scripts and stylesheets, from the manifest that
// scripts/build-respondent-assets.ts writes next to them (their names carry a content hash).
import fs from "node:fs";
import path from "node:path";

export interface RespondentAssets {
  fill: string;
  notice: string;
  respondent: string;
  survey: string;
}

const MANIFEST = path.join(process.cwd(), "public", "assets", "manifest.json");
let cached: RespondentAssets | undefined;

export function respondentAssets(): RespondentAssets {
  if (cached) return cached;
  let manifest: RespondentAssets;
  try {
    manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as RespondentAssets;
  } catch (err) {
    throw new Error(`The respondent pages' assets are not built (${MANIFEST}): run \`npm run build\`.`, { cause: err });
  }
  // In development the watcher rebuilds them under new names: read the manifest every time.
  if (process.env.NODE_ENV === "production") cached = manifest;
  return manifest;
}
