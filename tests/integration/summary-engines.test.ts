// The question summary and the open answers (db/queries/question-summary.ts, open-answers.ts) on
// SQLite and on PostgreSQL: the same responses, stored through saveResponse in a SQLite file and in
// a database on a throwaway PostgreSQL cluster, give deep-equal count rows, summaries, counts and
// pages of open answers. The SQLite figures are also checked against counts worked out by hand
// from the answers below, so both engines cannot pass by being wrong the same way.
//
// The answers cover what the JSON fragments of db/dialect.ts must read alike: choices, multiple
// choices (empty lists, a string where a list belongs), rankings, dates, numbers (decimals, a
// negative, 0.30000000000000004), booleans, a matrix and a matrix of dropdowns (checkbox,
// boolean, text and dropdown cells; empty objects; a row holding a list or a string), open texts
// with accents, blank and whitespace-only ones, a number where a text belongs, a key with a dash.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, type Db, openDb } from "@/db/client";
import type { ResolvedFilters } from "@/db/queries/filter-terms";
import { type NeedsSurvey, needsSurveyOf } from "@/db/queries/needs-report";
import { countOpenAnswers, listOpenAnswers } from "@/db/queries/open-answers";
import { listSummaryCounts, selectionTerms } from "@/db/queries/question-summary";
import { saveResponse } from "@/db/queries/save-response";
import { ensureDimensionSlots } from "@/db/queries/survey-dimensions";
import { getSurveySummary } from "@/db/queries/survey-summary";
import { buildQuestionCatalogue, type QuestionCatalogue } from "@/lib/summary/question-catalogue";
import type { SummaryCountRow } from "@/lib/summary/question-summary";
import { buildEntry, type SurveyEntry } from "@/surveys/registry";
import { loadDncTim } from "../support/dnc-tim";
import { HAS_POSTGRES, postgresBinDir, startPostgres, type TestPostgres } from "../support/postgres";
import { completeAnswers } from "../support/sample-answers";

type Answers = Record<string, unknown>;

const SPANISH = "¿Qué capacitación? ñ á";
const ORDER = ["talleres_casos", "presencial", "semipresencial", "virtual_vivo", "pasantias", "formador_formadores", "autoaprendizaje"];
/** otras_necesidades of dnc-tim response i (undefined: not answered). */
const OPEN: unknown[] = [
  SPANISH,
  "   ",
  "",
  "\t\n", // not blank: trim removes spaces only, on both engines
  "CAPACITACIÓN en frontera",
  "Capacitación virtual — sí",
  undefined,
  42,
  "Más práctica: TRATA de personas",
  "capacitación en trata",
];
const HOURS: Record<number, number> = { 0: 40, 2: 2.5, 4: 40, 6: 0.1 + 0.2, 8: 12 };

/** Ten completed dnc-tim responses: pnp 6 (i < 6), migraciones 3, poder_judicial 1 (i = 9). */
function dncTimAnswers(i: number): Answers {
  const institucion = i < 6 ? "pnp" : i < 9 ? "migraciones" : "poder_judicial";
  const answers = completeAnswers({
    institucion,
    region: i === 1 ? "PE-TAC" : "PE-TUM",
    capacitacion_tim: i % 2 === 0,
    modalidad_orden: i < 4 ? [ORDER[1], ORDER[0], ...ORDER.slice(2)] : ORDER,
  });
  if (i % 2 === 0) answers.capacitacion_tim_horas = HOURS[i];
  else {
    delete answers.capacitacion_tim_horas;
    delete answers.capacitacion_tim_entidad;
  }
  if (i === 4) answers.capacitacion_tim_entidad = [];
  if (i === 3) answers.obstaculos = ["viaticos"];
  if (i === 5) answers.obstaculos = [];
  if (i === 7) answers.obstaculos = "otro";
  if (i === 9) answers.obstaculos = null;
  const necesidades = { ...(answers.necesidades as Record<string, unknown>) };
  necesidades.T01 = { importancia: i < 3 ? 3 : 5, dominio: 1 + (i % 4) };
  if (i === 8) necesidades.T03 = {};
  if (i === 9) necesidades.T04 = { importancia: 4, no_aplica: false };
  answers.necesidades = necesidades;
  if (OPEN[i] === undefined) delete answers.otras_necesidades;
  else answers.otras_necesidades = OPEN[i];
  if (i === 2) answers.sugerencias = "  ok  ";
  else if (i > 0) delete answers.sugerencias;
  return answers;
}

/** A small survey for what dnc-tim does not ask: a date, a matrix, richer dropdown matrices, a dashed key. */
const MOTOR = {
  slug: "motor-prueba",
  title: { default: "Prueba de motores", en: "Engine test" },
  pages: [
    {
      name: "p1",
      elements: [
        { type: "radiogroup", name: "nivel", choices: [1, 2, 3] },
        { type: "text", name: "ingreso", inputType: "date" },
        { type: "text", name: "monto", inputType: "number" },
        { type: "boolean", name: "remoto" },
        { type: "checkbox", name: "canales", choices: ["a", "b", "c"] },
        { type: "ranking", name: "prioridad", choices: ["x", "y", "z"] },
        { type: "matrix", name: "clima", rows: ["r1", "r2"], columns: [1, 2, 3] },
        {
          type: "matrixdropdown",
          name: "equipo",
          rows: ["pc", "movil"],
          columns: [
            { name: "uso", cellType: "checkbox", choices: ["casa", "oficina"] },
            { name: "ok", cellType: "boolean" },
            { name: "nota", cellType: "text" },
            { name: "nivel", cellType: "dropdown", choices: [1, 2, 3] },
          ],
        },
        { type: "comment", name: "comentario-final" },
      ],
    },
  ],
};
const MOTOR_ANSWERS: Answers[] = [
  {
    nivel: 1,
    ingreso: "2024-01-15",
    monto: 2.5,
    remoto: true,
    canales: ["a", "b"],
    prioridad: ["x", "y", "z"],
    clima: { r1: 1, r2: 3 },
    equipo: { pc: { uso: ["casa", "oficina"], ok: true, nota: "bien", nivel: 2 }, movil: { uso: [], ok: false } },
    "comentario-final": "Añaña ¿sí?",
  },
  {
    nivel: 2,
    ingreso: "2024-01-31",
    monto: 3,
    remoto: false,
    canales: [],
    prioridad: ["y", "x", "z"],
    clima: { r1: 1 },
    equipo: { pc: { uso: ["casa"], nivel: 3 } },
    "comentario-final": "  ",
  },
  { nivel: 1, ingreso: "2024-03-02", monto: -0.5, remoto: true, canales: ["c"], prioridad: null, clima: {}, equipo: {}, "comentario-final": "ÑANDÚ" },
  { nivel: 3, ingreso: "2023-12-24", monto: 0.1 + 0.2, canales: "a", clima: { r1: 2, r2: [1] }, equipo: { pc: "x" }, "comentario-final": 7 },
  {
    nivel: "2",
    ingreso: "2024-01-01T10:00",
    monto: 1000000,
    remoto: null,
    equipo: { pc: { uso: ["oficina"], ok: true, nivel: 1 }, movil: { ok: true } },
  },
  { nivel: 3, monto: 12345.678 },
];

const id = (survey: number, i: number) => `00000000-0000-4000-8000-${String(survey * 1000 + i).padStart(12, "0")}`;
const at = (i: number) => `2026-03-${String(1 + i).padStart(2, "0")}T15:00:00.000Z`;
const NO_FILTERS: ResolvedFilters = { values: {} };
const PNP: ResolvedFilters = { values: { institucion: "pnp" } };
const OPEN_QUESTIONS = ["otras_necesidades", "caso_reciente", "sugerencias"];

const dncTim = loadDncTim();
const motor: SurveyEntry = buildEntry(MOTOR, "motor-prueba");
const catalogueOf = (survey: SurveyEntry): QuestionCatalogue =>
  buildQuestionCatalogue(survey.definition, { listableText: survey.needs?.openQuestions.map((q) => q.name) });

/** Stores the same responses, in the same order, with the same ids and times. */
async function store(db: Db): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await saveResponse(db, { id: id(1, i), survey: dncTim, unitId: null, locale: "es", data: dncTimAnswers(i), complete: true, at: at(i) });
  }
  // An unfinished response counts nowhere.
  const partial = { institucion: "pnp", otras_necesidades: "capacitación sin enviar", obstaculos: ["viaticos"] };
  await saveResponse(db, { id: id(1, 99), survey: dncTim, unitId: null, locale: "es", data: partial, complete: false, at: at(20) });
  for (const [i, data] of MOTOR_ANSWERS.entries()) {
    await saveResponse(db, { id: id(2, i), survey: motor, unitId: null, locale: "es", data, complete: true, at: at(i) });
  }
}

interface Engine {
  db: Db;
  dnc: NeedsSurvey;
  motor: NeedsSurvey;
}

async function engine(target: string): Promise<Engine> {
  const db = await openDb(target, { seedSample: false });
  await store(db);
  return {
    db,
    dnc: await needsSurveyOf(db, dncTim.slug, dncTim.needs!),
    motor: { slug: motor.slug, slots: await ensureDimensionSlots(db, motor.slug, []), topics: [], breakdowns: [] },
  };
}

let dir: string;
let cluster: TestPostgres | undefined;
let sqlite: Engine;
let pg: Engine | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-summary-engines-"));
  sqlite = await engine(path.join(dir, "sondeo.db"));
  if (!HAS_POSTGRES) return;
  cluster = await startPostgres();
  pg = await engine(await cluster.createDatabase());
});

afterAll(async () => {
  if (sqlite) await closeDb(sqlite.db);
  if (pg) await closeDb(pg.db);
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The count rows in one order (the SQL's GROUP BY gives no order). */
const sorted = (rows: SummaryCountRow[]) =>
  [...rows].sort((a, b) =>
    JSON.stringify([a.question, a.row, a.column, a.value, a.position]) < JSON.stringify([b.question, b.row, b.column, b.value, b.position]) ? -1 : 1,
  );

async function counts(e: Engine, survey: "dnc" | "motor", filters: ResolvedFilters = NO_FILTERS): Promise<SummaryCountRow[]> {
  const entry = survey === "dnc" ? dncTim : motor;
  return sorted(await listSummaryCounts(e.db, entry.slug, catalogueOf(entry), selectionTerms(e.db, e[survey].slots, filters)));
}

/** Responses counted for a value (positions summed unless one is given). */
function n(rows: SummaryCountRow[], question: string, value: string | null, at: { row?: string; column?: string; position?: number } = {}): number {
  return rows
    .filter(
      (r) =>
        r.question === question &&
        r.value === value &&
        r.row === (at.row ?? null) &&
        r.column === (at.column ?? null) &&
        (at.position === undefined || r.position === at.position),
    )
    .reduce((sum, r) => sum + r.n, 0);
}

describe("question summary and open answers on SQLite, worked out by hand", () => {
  it("counts dnc-tim's choices, lists, rankings, numbers and matrix cells", async () => {
    const rows = await counts(sqlite, "dnc");
    expect([n(rows, "institucion", "pnp"), n(rows, "institucion", "migraciones"), n(rows, "institucion", "poder_judicial")]).toEqual([6, 3, 1]);
    expect([n(rows, "capacitacion_tim", "true"), n(rows, "capacitacion_tim", "false"), n(rows, "capacitacion_tim", null)]).toEqual([5, 5, 10]);
    expect(n(rows, "capacitacion_tim_horas", "40")).toBe(2);
    expect(n(rows, "capacitacion_tim_horas", "2.5")).toBe(1);
    expect(n(rows, "capacitacion_tim_horas", "0.30000000000000004")).toBe(1);
    // Six lists hold carga_laboral; "otro" also as a bare string (i = 7); [] and null are no answer.
    expect([n(rows, "obstaculos", "carga_laboral"), n(rows, "obstaculos", "otro"), n(rows, "obstaculos", "viaticos")]).toEqual([6, 7, 1]);
    expect(n(rows, "obstaculos", null)).toBe(8);
    expect(n(rows, "capacitacion_tim_entidad", null)).toBe(4);
    expect(n(rows, "modalidad_orden", "presencial", { position: 0 })).toBe(4);
    expect(n(rows, "modalidad_orden", "talleres_casos", { position: 0 })).toBe(6);
    expect(n(rows, "modalidad_orden", "autoaprendizaje", { position: 6 })).toBe(10);
    expect(n(rows, "necesidades", "5", { row: "T01", column: "importancia" })).toBe(7);
    expect(n(rows, "necesidades", "3", { row: "T01", column: "importancia" })).toBe(3);
    expect(n(rows, "necesidades", "true", { row: "T02", column: "no_aplica" })).toBe(10);
    expect(n(rows, "necesidades", "false", { row: "T04", column: "no_aplica" })).toBe(1);
    // Open texts are counted as answered (non-blank, or any non-text value), never by content.
    expect(n(rows, "otras_necesidades", null)).toBe(7);
    expect(rows.some((r) => r.question === "otras_necesidades" && r.value !== null)).toBe(false);
    expect(n(await counts(sqlite, "dnc", PNP), "obstaculos", "carga_laboral")).toBe(4);
  });

  it("counts the small survey's dates by month, numbers as written, matrices and dropdown cells", async () => {
    const rows = await counts(sqlite, "motor");
    expect([n(rows, "ingreso", "2024-01"), n(rows, "ingreso", "2024-03"), n(rows, "ingreso", "2023-12")]).toEqual([3, 1, 1]);
    expect(["2.5", "3", "-0.5", "0.30000000000000004", "1000000", "12345.678"].map((v) => n(rows, "monto", v))).toEqual([1, 1, 1, 1, 1, 1]);
    expect([n(rows, "nivel", "1"), n(rows, "nivel", "2"), n(rows, "nivel", "3")]).toEqual([2, 2, 2]);
    expect([n(rows, "remoto", "true"), n(rows, "remoto", "false"), n(rows, "remoto", null)]).toEqual([2, 1, 3]);
    expect([n(rows, "canales", "a"), n(rows, "canales", null)]).toEqual([2, 3]);
    expect([n(rows, "prioridad", "x", { position: 0 }), n(rows, "prioridad", "x", { position: 1 })]).toEqual([1, 1]);
    expect([n(rows, "clima", "1", { row: "r1" }), n(rows, "clima", "2", { row: "r1" }), n(rows, "clima", null)]).toEqual([2, 1, 3]);
    expect(rows.some((r) => r.question === "clima" && r.row === "r2" && r.value === "1")).toBe(false);
    expect([n(rows, "equipo", "casa", { row: "pc", column: "uso" }), n(rows, "equipo", "oficina", { row: "pc", column: "uso" })]).toEqual([2, 2]);
    expect([n(rows, "equipo", "true", { row: "pc", column: "ok" }), n(rows, "equipo", "false", { row: "movil", column: "ok" })]).toEqual([2, 1]);
    expect([n(rows, "equipo", "2", { row: "pc", column: "nivel" }), n(rows, "equipo", "x", { row: "pc" }), n(rows, "equipo", null)]).toEqual([
      1, 1, 4,
    ]);
    expect(n(rows, "comentario-final", null)).toBe(3);
  });

  it("counts and lists open answers, with search and paging", async () => {
    const { db } = sqlite;
    expect(await countOpenAnswers(db, "dnc-tim", [], OPEN_QUESTIONS)).toEqual({ otras_necesidades: 6, caso_reciente: 0, sugerencias: 2 });
    expect(await countOpenAnswers(db, "dnc-tim", selectionTerms(db, sqlite.dnc.slots, PNP), ["otras_necesidades"])).toEqual({ otras_necesidades: 4 });
    expect(await countOpenAnswers(db, "motor-prueba", [], ["comentario-final"])).toEqual({ "comentario-final": 2 });
    const everything = await listOpenAnswers(db, "dnc-tim", [], { question: "otras_necesidades", limit: 100, offset: 0 });
    expect(everything).toEqual({ total: 6, items: [OPEN[0], OPEN[3], OPEN[4], OPEN[5], OPEN[8], OPEN[9]] });
    // lower() folds A–Z only: "capacitación" does not find "CAPACITACIÓN".
    const search = await listOpenAnswers(db, "dnc-tim", [], { question: "otras_necesidades", search: "capacitación", limit: 100, offset: 0 });
    expect(search).toEqual({ total: 3, items: [SPANISH, OPEN[5], OPEN[9]] });
    const trata = await listOpenAnswers(db, "dnc-tim", [], { question: "otras_necesidades", search: "TrAtA", limit: 1, offset: 1 });
    expect(trata).toEqual({ total: 2, items: [OPEN[9]] });
    expect(await listOpenAnswers(db, "motor-prueba", [], { question: "comentario-final", search: "ñ", limit: 10, offset: 0 })).toEqual({
      total: 1,
      items: ["Añaña ¿sí?"],
    });
  });
});

describe("the same on PostgreSQL", () => {
  it.skipIf(!HAS_POSTGRES)("gives the same count rows, with and without filters", async () => {
    for (const survey of ["dnc", "motor"] as const) {
      const mine = await counts(sqlite, survey);
      expect(mine.length).toBeGreaterThan(20);
      expect(await counts(pg!, survey)).toEqual(mine);
    }
    expect(await counts(pg!, "dnc", PNP)).toEqual(await counts(sqlite, "dnc", PNP));
    const month = { values: {}, from: "2026-03-03", to: "2026-03-05" };
    expect(await counts(pg!, "motor", month)).toEqual(await counts(sqlite, "motor", month));
  });

  it.skipIf(!HAS_POSTGRES)("gives the same summaries (getSurveySummary)", async () => {
    const cases = [
      { survey: dncTim, of: (e: Engine) => e.dnc, filters: NO_FILTERS, k: 5, declared: true },
      { survey: dncTim, of: (e: Engine) => e.dnc, filters: PNP, k: 5, declared: true },
      { survey: motor, of: (e: Engine) => e.motor, filters: NO_FILTERS, k: 2, declared: false },
    ];
    for (const c of cases) {
      const run = (e: Engine) => getSurveySummary(e.db, c.of(e), catalogueOf(c.survey), c.filters, c.k, { declared: c.declared, textSample: 4 });
      const mine = await run(sqlite);
      expect(mine.verdict).toBeNull();
      expect(mine.summary).not.toBeNull();
      expect(await run(pg!)).toEqual(mine);
    }
  });

  it.skipIf(!HAS_POSTGRES)("gives the same open-answer counts and pages, searched or not", async () => {
    const both = async <T>(read: (e: Engine) => Promise<T>) => {
      const mine = await read(sqlite);
      expect(await read(pg!)).toEqual(mine);
      return mine;
    };
    await both((e) => countOpenAnswers(e.db, "dnc-tim", [], OPEN_QUESTIONS));
    await both((e) => countOpenAnswers(e.db, "dnc-tim", selectionTerms(e.db, e.dnc.slots, PNP), OPEN_QUESTIONS));
    await both((e) => countOpenAnswers(e.db, "motor-prueba", [], ["comentario-final", "ingreso", "nivel"]));
    for (const question of ["otras_necesidades", "sugerencias", "cargo"]) {
      for (const search of [undefined, "capacitación", "CAPACITACIÓN", "TrAtA", "¿qué", "Á", "ñ", " ", "%", "_"]) {
        const whole = await both((e) => listOpenAnswers(e.db, "dnc-tim", [], { question, search, limit: 100, offset: 0 }));
        const pages: string[] = [];
        for (let offset = 0; offset < whole.total + 2; offset += 2) {
          const page = await both((e) => listOpenAnswers(e.db, "dnc-tim", [], { question, search, limit: 2, offset }));
          expect(page.total).toBe(whole.total);
          pages.push(...page.items);
        }
        expect(pages).toEqual(whole.items);
      }
    }
    const pnp = await both((e) =>
      listOpenAnswers(e.db, "dnc-tim", selectionTerms(e.db, e.dnc.slots, PNP), { question: "otras_necesidades", limit: 100, offset: 0 }),
    );
    expect(pnp.total).toBe(4);
    const dashed = await both((e) => listOpenAnswers(e.db, "motor-prueba", [], { question: "comentario-final", limit: 100, offset: 0 }));
    expect(dashed.items).toEqual(["Añaña ¿sí?", "ÑANDÚ"]);
    // Another type under the key is no open answer on either engine.
    expect((await both((e) => listOpenAnswers(e.db, "motor-prueba", [], { question: "monto", limit: 100, offset: 0 }))).total).toBe(0);
  });
});

it("has PostgreSQL in CI (.ci/run installs it); elsewhere says that it skipped the engine comparison", () => {
  if (!HAS_POSTGRES) console.warn("PostgreSQL not found (/usr/lib/postgresql/*/bin): the SQLite/PostgreSQL comparison was skipped");
  if (process.env.CI) expect(postgresBinDir(), "CI must run the PostgreSQL tests: install Debian's postgresql package").not.toBeNull();
});
