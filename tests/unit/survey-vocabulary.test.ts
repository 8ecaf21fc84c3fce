// One survey's vocabulary stays in its JSON: no code under db/, lib/ or app/ refers to a question of
// dnc-tim by name. The analysis reads question names from the survey's needs declaration
// (lib/needs/declaration.ts), so another organisation's survey works without touching code.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SURVEY = JSON.parse(fs.readFileSync(path.join(ROOT, "surveys/dnc-tim.json"), "utf8")) as Record<string, unknown>;

/** Every element, page, matrix column and ranking/choice-less name of the questionnaire. */
function questionNames(): string[] {
  const names = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const obj = node as Record<string, unknown>;
      if (typeof obj.name === "string") names.add(obj.name);
      for (const key of ["pages", "elements", "columns", "templateElements"]) walk(obj[key]);
    }
  };
  walk(SURVEY.pages);
  return [...names];
}

/**
 * Names that are also words of the platform itself. "region": units (the distribution list) carry
 * a region of their own, shown on coverage and the unit pages; that is not the survey's question.
 */
const PLATFORM_WORDS = new Set(["region"]);

/** Reviewed uses that are not references to the question (file → names, and why). */
const ALLOWED: Record<string, { names: string[]; why: string }> = {
  "lib/units/parse-units-csv.ts": {
    names: ["institucion"],
    why: "the units CSV accepts Spanish headers without accents (institución → institucion): a column of the distribution list",
  },
  "app/api/surveys/[slug]/export/needs.csv/route.ts": {
    names: ["necesidades"],
    why: "the Spanish word in the download's file name (sondeo-<slug>-necesidades-<date>.csv)",
  },
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    // Migrations are history: 0000 created the old named columns and 0003 carries them over.
    if (entry.isDirectory()) {
      if (rel !== path.join("db", "migrations")) out.push(...sourceFiles(rel));
    } else if (/\.(ts|tsx|js|mjs|css|json)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** Code that names the question: a string literal of it, a JSON path, a property, a key or a variable. */
function references(source: string, name: string): string[] {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const patterns = [
    new RegExp(`(["'\`])${n}\\1`, "g"),
    new RegExp(`\\$\\.("?)${n}\\1(?![\\w-])`, "g"),
    new RegExp(`[\\w)\\]]\\.${n}(?![\\w-])`, "g"),
    new RegExp(`(?<![\\w.$-])${n}\\??\\s*:(?!:)`, "g"),
    new RegExp(`\\b(?:const|let|var)\\s+${n}\\b`, "g"),
  ];
  return patterns.flatMap((p) => source.match(p) ?? []);
}

describe("no dnc-tim question is named in db/, lib/ or app/", () => {
  const names = questionNames().filter((n) => !PLATFORM_WORDS.has(n));

  it("knows the questionnaire's names (the check would find something)", () => {
    expect(names).toEqual(expect.arrayContaining(["institucion", "necesidades", "importancia", "dominio", "no_aplica", "modalidad_orden"]));
    expect(references(`const x = data.institucion; q("necesidades"); json_extract(d, '$.obstaculos'); ({ dominio: 1 })`, "institucion")).toHaveLength(
      1,
    );
    expect(references(`q("necesidades")`, "necesidades")).toHaveLength(1);
    expect(references(`json_extract(d, '$.obstaculos')`, "obstaculos")).toHaveLength(1);
    expect(references(`({ dominio: 1 })`, "dominio")).toHaveLength(1);
    expect(references(`// Diagnóstico de necesidades de capacitación`, "necesidades")).toHaveLength(0);
  });

  it("finds none outside the reviewed exceptions", () => {
    const found: string[] = [];
    for (const file of ["db", "lib", "app"].flatMap(sourceFiles)) {
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      for (const name of names) {
        if (ALLOWED[file]?.names.includes(name)) continue;
        for (const hit of references(source, name)) found.push(`${file}: ${hit}`);
      }
    }
    expect(found).toEqual([]);
  });
});
