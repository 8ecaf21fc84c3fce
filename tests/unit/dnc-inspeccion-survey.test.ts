// surveys/dnc-inspeccion.json, the second needs survey: it loads in survey-core, the registry
// accepts its declaration, every string is in Spanish and English, the server's validator accepts
// the test dataset (tests/support/dnc-inspeccion-dataset.ts) and refuses near misses, and the
// dataset really makes the suppression and release rules fire (checked with the test oracle).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Model } from "survey-core";
import { isCompiled, validateResponseData } from "@/lib/responses/response-validation";
import { buildEntry } from "@/surveys/registry";
import { dncInspeccionDataset, FUNCIONES, GROUP_SIZES, INTENDENCIAS, TOPICS } from "../support/dnc-inspeccion-dataset";
import { expectedNeeds, oracleSurvey, type OracleResponse } from "../support/needs-oracle";

type Json = Record<string, unknown>;
const definition = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../surveys/dnc-inspeccion.json"), "utf8")) as Json;
const dataset = dncInspeccionDataset();

const LOCALIZABLE = new Set([
  "title",
  "description",
  "text",
  "html",
  "completedHtml",
  "navigationTitle",
  "labelTrue",
  "labelFalse",
  "placeholder",
  "requiredErrorText",
  "minErrorText",
  "maxErrorText",
  "stepErrorText",
  "minRateDescription",
  "maxRateDescription",
]);

describe("surveys/dnc-inspeccion.json", () => {
  it("loads in survey-core without JSON errors, apart from the registry's own properties", () => {
    const { slug: _slug, needsAssessment: _needs, ...bare } = definition;
    expect(new Model(bare).jsonErrors ?? []).toEqual([]);
    for (const e of new Model(definition).jsonErrors ?? []) expect(e.message).toMatch(/'slug'|'needsAssessment'/);
  });

  it("is accepted by the registry with the declared needs analysis", () => {
    const entry = buildEntry(definition, "whatever-file-name");
    expect(entry.slug).toBe("dnc-inspeccion");
    expect(entry.title.es).toMatch(/capacitación del personal inspectivo/);
    const needs = entry.needs;
    expect(needs).toMatchObject({ matrix: "temas", importance: "relevancia", competence: "nivel", notApplicable: null, minGroupSize: null });
    expect(needs?.topics.map((t) => t.code)).toEqual(TOPICS);
    expect(needs?.topics[3]?.title.es).toMatch(/accidentes mortales/);
    expect(needs?.scale.values).toEqual([1, 2, 3, 4]);
    expect(needs?.breakdowns.map((b) => [b.name, b.choices.map((c) => c.value)])).toEqual([
      ["intendencia", [...INTENDENCIAS]],
      ["funcion", [...FUNCIONES]],
    ]);
    expect(needs?.breakdowns[0]?.choices.find((c) => c.value === "ire_junin")?.label).toEqual({
      es: "Intendencia Regional de Junín",
      en: "Junín Regional Intendancy",
    });
    // No openQuestions declared: every free-text question.
    expect(needs?.openQuestions.map((q) => q.name)).toEqual(["funcion_otra", "otras_necesidades", "caso_dificil", "sugerencias"]);
  });

  it("gives every localizable string a Spanish default and an English text", () => {
    const problems: string[] = [];
    let count = 0;
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${at}[${i}]`));
      if (!node || typeof node !== "object") return;
      for (const [key, value] of Object.entries(node as Json)) {
        if (!LOCALIZABLE.has(key)) {
          walk(value, `${at}.${key}`);
          continue;
        }
        count++;
        const v = value as Json;
        for (const locale of ["default", "en"]) {
          if (typeof v?.[locale] !== "string" || String(v[locale]).trim() === "") problems.push(`${at}.${key}.${locale}`);
        }
      }
    };
    walk(definition, "$");
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(100);
  });

  it("is validated by survey-core on the server: the compiled validator does not model month inputs or a single-choice matrix", () => {
    // When it learns them, add this survey to tests/unit/validator-differential.test.ts.
    expect(isCompiled(definition)).toBe(false);
  });

  // survey-core takes ~0.2 s per response here; the integration test submits all 67 over HTTP.
  it("accepts responses of the test dataset, complete and partial", { timeout: 60_000 }, () => {
    expect(dataset.completed).toHaveLength(67);
    const sample = dataset.completed.filter((d, i) => i % 8 === 0 || d.funcion === "otro");
    for (const data of sample) {
      const result = validateResponseData(definition, data, { complete: true, locale: "es" });
      expect(result.ok ? [] : result.issues, JSON.stringify(data)).toEqual([]);
    }
    for (const data of dataset.partial) expect(validateResponseData(definition, data, { complete: false, locale: "es" }).ok).toBe(true);
  });

  it("refuses near misses: a missing or out-of-scale rating, no consent, a month before SUNAFIL, a hidden answer", () => {
    const base = dataset.completed[0] as Json;
    const temas = base.temas as Record<string, Json>;
    const variants: Record<string, Json> = {
      "missing nivel": { ...base, temas: { ...temas, L05: { relevancia: 3 } } },
      "missing topic": { ...base, temas: Object.fromEntries(Object.entries(temas).filter(([t]) => t !== "L12")) },
      "relevancia 5": { ...base, temas: { ...temas, L01: { relevancia: 5, nivel: 2 } } },
      "no consent": { ...base, consentimiento: false },
      "ingreso 2013-12": { ...base, ingreso: "2013-12" },
      "anios_inspeccion 46": { ...base, anios_inspeccion: 46 },
      "funcion_otra while funcion is not otro": { ...base, funcion: "inspector_trabajo", funcion_otra: "Técnica" },
    };
    for (const [what, data] of Object.entries(variants)) {
      expect(validateResponseData(definition, data, { complete: true, locale: "es" }).ok, what).toBe(false);
    }
  });

  it("has the documented group sizes and makes the release rule hold back groups and cells (k = 5)", () => {
    const count = (i: string, f?: string) => dataset.completed.filter((d) => d.intendencia === i && (!f || d.funcion === f)).length;
    for (const i of INTENDENCIAS) for (const f of FUNCIONES) expect(count(i, f), `${i}/${f}`).toBe(GROUP_SIZES[i][f]);
    const survey = oracleSurvey(definition);
    const responses: OracleResponse[] = dataset.completed.map((answers) => ({ answers, complete: true, unit: null, day: "2026-12-03" }));
    const groups = (by: string) => expectedNeeds(survey, 5, responses, { by }).groups.map((g) => [g.group, g.suppressed]);
    // One release (release-rule.md): ire_junin (1) and ire_loreto (2) wait, in no figure at all.
    expect(expectedNeeds(survey, 5, responses).release).toEqual({ asOf: { release: 1 }, covers: { fromRelease: 1, toRelease: 1 }, pending: 3 });
    expect(expectedNeeds(survey, 5, responses).n).toBe(64);
    expect(groups("intendencia")).toEqual([
      ["ilm", null],
      ["ire_arequipa", null],
      ["ire_cusco", null],
      ["ire_la_libertad", null],
      ["ire_piura", null],
    ]);
    // No funcion group splits every intendencia into parts of 0 or ≥ 5 (ire_la_libertad: 5 of 9
    // are inspector_trabajo, 2 of 9 inspector_auxiliar): all unreleased; otro (4) is below k.
    expect(groups("funcion")).toEqual([
      ["inspector_auxiliar", "unreleased"],
      ["inspector_trabajo", "unreleased"],
      ["supervisor_inspector", "unreleased"],
      ["otro", "primary"],
    ]);
    const verdict = (filters: Record<string, string>) => expectedNeeds(survey, 5, responses, { filters }).suppressed;
    expect(verdict({ intendencia: "ire_loreto" })).toBe("not_released");
    expect(verdict({ intendencia: "ire_cusco" })).toBeNull();
    expect(verdict({ funcion: "inspector_trabajo" })).toBe("not_released");
    expect(verdict({ to: "2026-12-02" })).toBe("filter_below_k");
    // Inside ilm (30): inspector_trabajo (14 | 16 left), then inspector_auxiliar (7 | 9 left) are
    // published; supervisor_inspector (6) would leave 3 apart.
    expect(verdict({ intendencia: "ilm", funcion: "inspector_trabajo" })).toBeNull();
    expect(verdict({ intendencia: "ilm", funcion: "inspector_auxiliar" })).toBeNull();
    expect(verdict({ intendencia: "ilm", funcion: "supervisor_inspector" })).toBe("not_released");
    expect(
      expectedNeeds(survey, 5, responses, { by: "funcion", filters: { intendencia: "ilm" } }).groups.map((g) => [g.group, g.suppressed]),
    ).toEqual([
      ["inspector_auxiliar", null],
      ["inspector_trabajo", null],
      ["supervisor_inspector", "unreleased"],
      ["otro", "primary"],
    ]);
    // L12 repeats L11: an exact tie, ranked in topic order.
    const total = expectedNeeds(survey, 5, responses).total;
    const [l11, l12] = [total?.topics[10], total?.topics[11]];
    expect(l12?.mwds).toBe(l11?.mwds);
    expect(l12?.rank).toBe((l11?.rank ?? 0) + 1);
  });
});
