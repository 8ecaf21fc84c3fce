// Typed registry of the SurveyJS definitions in SONDEO_SURVEYS_DIR (default ./surveys).
// Every *.json file is a survey; its slug is the file's "slug" property or its file name, its
// version a hash of its canonical content. Files dropped in while the server runs are picked up
// (the directory is re-scanned at most every few seconds); unreadable files are skipped with a log.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Model } from "survey-core";
import "@/lib/surveyjs-setup";
import { canonicalJson } from "@/lib/canonical-json";
import { env } from "@/lib/env";

export type SurveyJson = Record<string, unknown>;
export type LocalizedText = { es: string; en: string };

export interface NeedsMatrix {
  /** Name of the matrixdropdown question holding the paired ratings. */
  question: string;
  topics: { code: string; title: LocalizedText }[];
}

export interface SurveyEntry {
  slug: string;
  version: string;
  title: LocalizedText;
  definition: SurveyJson;
  /** Present when the survey has a Borich need matrix (importancia × dominio). */
  needs?: NeedsMatrix;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const RESCAN_MS = 2000;

export function versionOf(definition: SurveyJson): string {
  return createHash("sha256").update(canonicalJson(definition)).digest("hex").slice(0, 16);
}

export function localized(value: unknown, fallback = ""): LocalizedText {
  if (typeof value === "string") return { es: value, en: value };
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    const es = String(v.es ?? v.default ?? fallback);
    return { es, en: String(v.en ?? es) };
  }
  return { es: fallback, en: fallback };
}

function findNeedsMatrix(definition: SurveyJson): NeedsMatrix | undefined {
  const model = new Model(definition);
  for (const q of model.getAllQuestions(false, false, true)) {
    if (q.getType() !== "matrixdropdown") continue;
    const json = q.toJSON() as { columns?: { name: string }[]; rows?: unknown[] };
    const cols = new Set((json.columns ?? []).map((c) => c.name));
    if (!cols.has("importancia") || !cols.has("dominio")) continue;
    const topics = (json.rows ?? []).map((row) => {
      if (typeof row === "string") return { code: row, title: { es: row, en: row } };
      const r = row as { value: string; text?: unknown };
      return { code: String(r.value), title: localized(r.text, String(r.value)) };
    });
    return { question: q.name, topics };
  }
  return undefined;
}

/** Builds a registry entry from a parsed definition; throws with a reason if unusable. */
export function buildEntry(definition: SurveyJson, fileSlug: string): SurveyEntry {
  const slug = typeof definition.slug === "string" ? definition.slug : fileSlug;
  if (!SLUG.test(slug)) throw new Error(`invalid slug "${slug}" (use a-z, 0-9 and -)`);
  const model = new Model(definition);
  if (model.jsonErrors && model.jsonErrors.length > 0) {
    throw new Error(`SurveyJS JSON errors: ${model.jsonErrors.map((e) => e.message).join("; ")}`);
  }
  if (model.getAllQuestions().length === 0) throw new Error("the survey has no questions");
  return {
    slug,
    version: versionOf(definition),
    title: localized(definition.title, slug),
    definition,
    needs: findNeedsMatrix(definition),
  };
}

interface Cache {
  dir: string;
  scannedAt: number;
  signature: string;
  entries: Map<string, SurveyEntry>;
}
let cache: Cache | undefined;

function scan(dir: string): Cache {
  const files = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
    : [];
  const stats = files.map((f) => {
    const s = fs.statSync(path.join(dir, f));
    return `${f}:${s.mtimeMs}:${s.size}`;
  });
  const signature = stats.join("|");
  if (cache && cache.dir === dir && cache.signature === signature) {
    return { ...cache, scannedAt: Date.now() };
  }
  const entries = new Map<string, SurveyEntry>();
  for (const file of files) {
    try {
      const definition = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as SurveyJson;
      const entry = buildEntry(definition, path.basename(file, ".json"));
      if (entries.has(entry.slug)) throw new Error(`duplicate slug "${entry.slug}"`);
      entries.set(entry.slug, entry);
    } catch (err) {
      console.error(`[surveys] skipping ${file}: ${(err as Error).message}`);
    }
  }
  return { dir, scannedAt: Date.now(), signature, entries };
}

function load(): Map<string, SurveyEntry> {
  const dir = path.resolve(env().SONDEO_SURVEYS_DIR);
  if (!cache || cache.dir !== dir || Date.now() - cache.scannedAt > RESCAN_MS) cache = scan(dir);
  return cache.entries;
}

export function listSurveys(): SurveyEntry[] {
  return [...load().values()];
}

export function getSurvey(slug: string): SurveyEntry | undefined {
  return load().get(slug);
}
