// Typed registry of the surveys respondents get: the published version of every survey in the
// database (db/queries/survey-versions.ts). A survey's version is a hash of its canonical content.
// The SurveyJS files in SONDEO_SURVEYS_DIR (default ./surveys) are an import channel: every *.json
// is a survey, its slug the file's "slug" property or its file name; a file whose content differs
// from what was last imported from it is stored and published (the operator changed it), an
// unchanged one never overrides a version an admin published since. Files and the published
// versions are re-read at most every few seconds; a file that does not build is skipped with a log
// and listed with its problems (listSurveyFiles). This is the only place that builds entries.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Model } from "survey-core";
import "@/lib/surveys/surveyjs-setup";
import { getDb, type Db } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { findVersionDefinition, importFileVersion, listPublishedVersions } from "@/db/queries/survey-versions";
import { canonicalJson } from "@/lib/surveys/canonical-json";
import { env } from "@/lib/env";
import { localizedText, type LocalizedText } from "@/lib/surveys/localized-text";
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

/**
 * Builds the entry of a definition an admin uploads: unlike a file, it has no file name to fall
 * back on, so it must carry its slug. Anything survey-core itself throws on is a problem too.
 */
export function buildUploadedEntry(definition: unknown): SurveyEntry {
  if (!definition || typeof definition !== "object" || Array.isArray(definition)) {
    throw new SurveyDefinitionError([
      { es: "El archivo debe contener un objeto JSON de SurveyJS.", en: "The file must hold a SurveyJS JSON object." },
    ]);
  }
  const slug = (definition as SurveyJson).slug;
  if (typeof slug !== "string" || slug === "") {
    throw new SurveyDefinitionError([
      {
        es: "Falta la propiedad «slug» (el nombre de la encuesta en su enlace /s/…, con a-z, 0-9 y -).",
        en: 'The "slug" property is missing (the survey\'s name in its /s/… link, using a-z, 0-9 and -).',
      },
    ]);
  }
  try {
    return buildEntry(definition as SurveyJson, slug);
  } catch (err) {
    if (err instanceof SurveyDefinitionError) throw err;
    const message = (err as Error).message;
    throw new SurveyDefinitionError([
      { es: `SurveyJS no puede leer la definición: ${message}`, en: `SurveyJS cannot read the definition: ${message}` },
    ]);
  }
}

/** A survey file in SONDEO_SURVEYS_DIR as last read: its version, or why it cannot be used. */
export interface SurveyFile {
  file: string;
  /** null when the file is not even JSON. */
  slug: string | null;
  version?: string;
  problems?: LocalizedText[];
}

interface State {
  dir: string;
  checkedAt: number;
  signature: string;
  files: SurveyFile[];
  published: Map<string, SurveyEntry>;
}

// On globalThis, like the database connection: Next.js may load this module once per bundle, and
// a publish in one route must be seen by the fill page at once, not a rescan later. Other app
// instances on the same database see it at their next rescan (RESCAN_MS): the published versions
// live in the database, this is only a cache of them.
interface Registry {
  state?: State;
  /** The rescan in progress: concurrent requests wait for the same one. */
  loading?: Promise<State>;
  built: Map<string, SurveyEntry | null>;
}
const globalForRegistry = globalThis as unknown as { sondeoRegistry?: Registry };
const registry: Registry = (globalForRegistry.sondeoRegistry ??= { built: new Map() });

/**
 * Builds the entry of a stored version: undefined if there is no such version; throws
 * SurveyDefinitionError with the problems when it no longer builds (the checks got stricter).
 */
export async function buildStoredEntry(slug: string, version: string, db?: Db): Promise<SurveyEntry | undefined> {
  const text = await findVersionDefinition(db ?? (await getDb()), slug, version);
  if (text === undefined) return undefined;
  const entry = buildEntry(JSON.parse(text) as SurveyJson, slug);
  if (entry.slug !== slug || entry.version !== version) {
    throw new SurveyDefinitionError([
      {
        es: `La versión guardada como ${slug}@${version} da ${entry.slug}@${entry.version}.`,
        en: `Stored as ${slug}@${version}, it builds as ${entry.slug}@${entry.version}.`,
      },
    ]);
  }
  return entry;
}

/** The entry of one stored version, built once per process; null (logged once) if it does not build. */
async function entryOf(db: Db, slug: string, version: string): Promise<SurveyEntry | null> {
  const id = `${slug}@${version}`;
  const cached = registry.built.get(id);
  if (cached !== undefined) return cached;
  let entry: SurveyEntry | null = null;
  try {
    entry = (await buildStoredEntry(slug, version, db)) ?? null;
  } catch (err) {
    console.error(`[surveys] version ${id} cannot be served: ${(err as Error).message}`);
  }
  registry.built.set(id, entry);
  return entry;
}

/** The folder's *.json files and a signature of their names, sizes and times (cheap: no reading). */
function listFolder(dir: string): { names: string[]; signature: string } {
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()
    : [];
  const signature = names
    .map((f) => {
      const s = fs.statSync(path.join(dir, f));
      return `${f}:${s.mtimeMs}:${s.size}`;
    })
    .join("|");
  return { names, signature };
}

function readFiles(dir: string, names: string[]): { files: SurveyFile[]; entries: (SurveyEntry & { file: string })[] } {
  const files: SurveyFile[] = [];
  const entries: (SurveyEntry & { file: string })[] = [];
  for (const file of names) {
    const fileSlug = path.basename(file, ".json");
    let definition: SurveyJson;
    try {
      definition = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as SurveyJson;
    } catch (err) {
      console.error(`[surveys] skipping ${file}: ${(err as Error).message}`);
      files.push({
        file,
        slug: null,
        problems: [{ es: `No es JSON válido: ${(err as Error).message}`, en: `Not valid JSON: ${(err as Error).message}` }],
      });
      continue;
    }
    const slug = typeof definition.slug === "string" ? definition.slug : fileSlug;
    try {
      const entry = buildEntry(definition, fileSlug);
      if (entries.some((e) => e.slug === entry.slug)) {
        throw new SurveyDefinitionError([{ es: `slug «${entry.slug}» repetido en otro archivo`, en: `duplicate slug "${entry.slug}"` }]);
      }
      entries.push({ ...entry, file });
      files.push({ file, slug, version: entry.version });
    } catch (err) {
      const problems = err instanceof SurveyDefinitionError ? err.problems : [{ es: (err as Error).message, en: (err as Error).message }];
      console.error(`[surveys] skipping ${file}: ${problems.map((p) => p.en).join(" ")}`);
      files.push({ file, slug, problems });
    }
  }
  return { files, entries };
}

/** Stores and publishes every file whose content changed since it was last imported. */
async function importFiles(db: Db, entries: (SurveyEntry & { file: string })[]): Promise<void> {
  for (const entry of entries) {
    const imported = await importFileVersion(db, entry);
    if (!imported) continue;
    registry.built.set(`${entry.slug}@${entry.version}`, entry);
    await recordAudit(db, {
      user: null,
      actor: "file",
      action: "survey.import",
      target: entry.slug,
      details: { file: entry.file, version: entry.version, previous: imported.previous },
    });
    console.log(`[surveys] ${entry.file}: published version ${entry.version} of ${entry.slug}`);
  }
}

function load(): Promise<State> {
  const dir = path.resolve(env().SONDEO_SURVEYS_DIR);
  const previous = registry.state;
  if (previous && previous.dir === dir && Date.now() - previous.checkedAt <= RESCAN_MS) return Promise.resolve(previous);
  registry.loading ??= rescan(dir, previous).finally(() => {
    registry.loading = undefined;
  });
  return registry.loading;
}

async function rescan(dir: string, previous: State | undefined): Promise<State> {
  const db = await getDb();
  const folder = listFolder(dir);
  let files = previous?.files ?? [];
  if (!previous || previous.dir !== dir || previous.signature !== folder.signature) {
    const read = readFiles(dir, folder.names);
    await importFiles(db, read.entries);
    files = read.files;
  }
  const published = new Map<string, SurveyEntry>();
  for (const [slug, version] of await listPublishedVersions(db)) {
    const entry = await entryOf(db, slug, version);
    if (entry) published.set(slug, entry);
  }
  registry.state = { dir, checkedAt: Date.now(), signature: folder.signature, files, published };
  return registry.state;
}

/** The published version of every survey. */
export async function listSurveys(): Promise<SurveyEntry[]> {
  return [...(await load()).published.values()];
}

/** The published version of a survey, if it has one. */
export async function getSurvey(slug: string): Promise<SurveyEntry | undefined> {
  return (await load()).published.get(slug);
}

/** Any stored version of a survey (a draft, an earlier one), if it still builds. */
export async function getSurveyVersion(slug: string, version: string): Promise<SurveyEntry | undefined> {
  await load();
  return (await entryOf(await getDb(), slug, version)) ?? undefined;
}

/** The survey files as last read, with their version or their problems. */
export async function listSurveyFiles(): Promise<SurveyFile[]> {
  return (await load()).files;
}

/** Re-reads the published versions on the next call (after a publish, an upload, a removal). */
export function refreshSurveys(): void {
  if (registry.state) registry.state.checkedAt = 0;
}
