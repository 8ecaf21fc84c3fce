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
import { localizedText, type LocalizedText } from "@/lib/localized-text";
import { readNeedsDeclaration, type NeedsDeclaration } from "@/lib/needs/declaration";

export type SurveyJson = Record<string, unknown>;
export type { LocalizedText };

export interface SurveyEntry {
  slug: string;
  version: string;
  title: LocalizedText;
  definition: SurveyJson;
  /** The survey's needs declaration (`needsAssessment`), checked against its questions. */
  needs?: NeedsDeclaration;
}

/** A definition that cannot be served: every problem found, in Spanish and English. */
export class SurveyDefinitionError extends Error {
  constructor(readonly problems: LocalizedText[]) {
    super(problems.map((p) => p.en).join(" "));
    this.name = "SurveyDefinitionError";
  }
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const RESCAN_MS = 2000;

export function versionOf(definition: SurveyJson): string {
  return createHash("sha256").update(canonicalJson(definition)).digest("hex").slice(0, 16);
}

/** @deprecated name kept for callers; see lib/localized-text.ts. */
export const localized = localizedText;

/** Builds a registry entry from a parsed definition; throws with a reason if unusable. */
export function buildEntry(definition: SurveyJson, fileSlug: string): SurveyEntry {
  const slug = typeof definition.slug === "string" ? definition.slug : fileSlug;
  const fail = (es: string, en: string) => new SurveyDefinitionError([{ es, en }]);
  if (!SLUG.test(slug)) {
    throw fail(`slug no válido «${slug}» (use a-z, 0-9 y -)`, `invalid slug "${slug}" (use a-z, 0-9 and -)`);
  }
  const model = new Model(definition);
  if (model.jsonErrors && model.jsonErrors.length > 0) {
    throw new SurveyDefinitionError(
      model.jsonErrors.map((e) => ({ es: `Error en el JSON de SurveyJS: ${e.message}`, en: `SurveyJS JSON errors: ${e.message}` })),
    );
  }
  if (model.getAllQuestions().length === 0) throw fail("la encuesta no tiene preguntas", "the survey has no questions");
  const needs = readNeedsDeclaration(definition, model);
  if (!needs.ok) throw new SurveyDefinitionError(needs.problems);
  return {
    slug,
    version: versionOf(definition),
    title: localizedText(definition.title, slug),
    definition,
    needs: needs.declaration,
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
