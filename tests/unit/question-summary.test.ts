// The question catalogue of a SurveyJS definition and the summary built from SQL count rows,
// against figures computed by hand (n = 20, k = 5), suppression included.
import { describe, expect, it } from "vitest";
import { binValues, periodCounts, statsOf, targetBins } from "@/lib/summary/distribution";
import { buildQuestionCatalogue } from "@/lib/summary/question-catalogue";
import { buildQuestionSummary, NO_ANSWER, type SummaryCountRow, type SummarySection } from "@/lib/summary/question-summary";

const es = (text: string, en: string) => ({ default: text, en });

const SURVEY = {
  title: es("Encuesta de prueba", "Test survey"),
  pages: [
    {
      name: "uno",
      title: es("Página uno", "Page one"),
      elements: [
        { type: "html", name: "intro", html: "<p>Hola</p>" },
        {
          type: "radiogroup",
          name: "sede",
          title: es("¿En qué sede trabaja?", "Where do you work?"),
          choices: [
            { value: "a", text: es("Añatuya", "Añatuya (AR)") },
            { value: "b", text: es("Béccar", "Beccar") },
            { value: "c", text: es("Cañete", "Canete") },
          ],
        },
        {
          type: "boolean",
          name: "capacitado",
          title: es("¿Recibió capacitación?", "Trained?"),
          labelTrue: es("Sí", "Yes"),
          labelFalse: es("No", "No"),
        },
        { type: "rating", name: "satisfaccion", title: es("Satisfacción", "Satisfaction"), rateMin: 1, rateMax: 5 },
        {
          type: "panel",
          name: "grupo",
          elements: [{ type: "checkbox", name: "temas", valueName: "temas_elegidos", title: es("Temas", "Topics"), choices: ["x", "y", "z"] }],
        },
        { type: "ranking", name: "orden", title: es("Orden", "Order"), choices: ["p", "q", "r"] },
      ],
    },
    {
      name: "dos",
      title: es("Página dos", "Page two"),
      elements: [
        { type: "text", name: "horas", inputType: "number", title: es("Horas", "Hours") },
        { type: "text", name: "fecha", inputType: "date", title: es("Fecha", "Date") },
        { type: "comment", name: "sugerencias", title: es("Sugerencias", "Suggestions") },
        { type: "text", name: "cargo", title: es("Cargo", "Position") },
        { type: "matrix", name: "escala", title: es("Escala", "Scale"), rows: ["r1", "r2"], columns: [1, 2, 3] },
        {
          type: "matrixdropdown",
          name: "necesidades",
          title: es("Necesidades", "Needs"),
          rows: [{ value: "T1", text: es("Tema uno", "Topic one") }],
          columns: [
            { name: "imp", title: es("Importancia", "Importance"), cellType: "dropdown", choices: [1, 2, 3, 4, 5] },
            { name: "na", title: es("No aplica", "Not applicable"), cellType: "boolean" },
            { name: "canales", title: es("Canales", "Channels"), cellType: "checkbox", choices: ["a", "b"] },
            { name: "nota", cellType: "text" },
          ],
        },
        { type: "paneldynamic", name: "hijos", templateElements: [{ type: "text", name: "edad" }] },
      ],
    },
  ],
};

const catalogue = buildQuestionCatalogue(SURVEY, { listableText: ["sugerencias"] });
const N = 20;
const K = 5;

/** Count rows as the SQL returns them. */
function rows(question: string, values: Record<string, number>, cell: { row?: string; column?: string } = {}): SummaryCountRow[] {
  return Object.entries(values).map(([value, n]) => ({ question, row: cell.row ?? null, column: cell.column ?? null, value, position: null, n }));
}
const answered = (question: string, n: number): SummaryCountRow => ({ question, row: null, column: null, value: null, position: null, n });
const ranked = (value: string, positions: number[]): SummaryCountRow[] =>
  positions.map((n, position) => ({ question: "orden", row: null, column: null, value, position, n })).filter((r) => r.n > 0);

const COUNTS: SummaryCountRow[] = [
  ...rows("sede", { a: 10, b: 6, c: 2 }),
  ...rows("capacitado", { true: 12, false: 8 }),
  ...rows("satisfaccion", { "1": 1, "3": 4, "4": 5, "5": 6 }),
  ...rows("temas_elegidos", { x: 7, y: 3 }),
  answered("temas_elegidos", 10),
  ...ranked("p", [7, 3, 2]),
  ...ranked("q", [5, 6, 1]),
  ...ranked("r", [0, 3, 9]),
  answered("orden", 12),
  ...rows("horas", { "0": 3, "2": 2, "5": 4, "10": 1 }),
  ...rows("fecha", { "2026-01": 6, "2026-03": 5 }),
  answered("sugerencias", 7),
  answered("cargo", 4),
  ...rows("escala", { "1": 10, "2": 5, "3": 5 }, { row: "r1" }),
  ...rows("escala", { "1": 2, "3": 15 }, { row: "r2" }),
  ...rows("necesidades", { "5": 10, "4": 8 }, { row: "T1", column: "imp" }),
  ...rows("necesidades", { true: 2, false: 6 }, { row: "T1", column: "na" }),
  ...rows("necesidades", { a: 6, b: 1 }, { row: "T1", column: "canales" }),
];

const summary = buildQuestionSummary(catalogue, COUNTS, N, K, new Map([["sugerencias", ["¿Más práctica? ¡Sí!", "<b>no</b>"]]]));
function section<T extends SummarySection["kind"]>(key: string, kind: T): Extract<SummarySection, { kind: T }> {
  const s = summary.sections.find((x) => x.key === key);
  expect(s?.kind).toBe(kind);
  return s as Extract<SummarySection, { kind: T }>;
}
const figures = (items: { value: string; count: number | null; hidden: string | null }[]) => items.map((i) => [i.value, i.count, i.hidden]);

describe("question catalogue", () => {
  it("lists every question holding answers in order, by kind, with panels opened and display elements left out", () => {
    expect(catalogue.questions.map((q) => [q.name, q.kind])).toEqual([
      ["sede", "choice"],
      ["capacitado", "choice"],
      ["satisfaccion", "choice"],
      ["temas", "multi"],
      ["orden", "ranking"],
      ["horas", "numeric"],
      ["fecha", "date"],
      ["sugerencias", "text"],
      ["cargo", "text"],
      ["escala", "matrix"],
      ["necesidades", "matrixdropdown"],
      ["hijos", "skipped"],
    ]);
    expect(catalogue.pages).toEqual([
      { name: "uno", title: { es: "Página uno", en: "Page one" } },
      { name: "dos", title: { es: "Página dos", en: "Page two" } },
    ]);
  });

  it("reads titles and choices in Spanish (the JSON's default) and English, and the data key", () => {
    const sede = catalogue.questions.find((q) => q.name === "sede");
    expect(sede).toMatchObject({ key: "sede", page: "uno", title: { es: "¿En qué sede trabaja?", en: "Where do you work?" } });
    expect(sede?.kind === "choice" && sede.options[2]).toEqual({ value: "c", label: { es: "Cañete", en: "Canete" } });
    expect(catalogue.questions.find((q) => q.name === "temas")?.key).toBe("temas_elegidos");
    const rating = catalogue.questions.find((q) => q.name === "satisfaccion");
    expect(rating?.kind === "choice" && [rating.scale, rating.numeric, rating.options.map((o) => o.value)]).toEqual([
      "rating",
      true,
      ["1", "2", "3", "4", "5"],
    ]);
    const needs = catalogue.questions.find((q) => q.name === "necesidades");
    expect(needs?.kind === "matrixdropdown" && needs.columns.map((c) => [c.name, c.kind, c.numeric, c.options.map((o) => o.value)])).toEqual([
      ["imp", "choice", true, ["1", "2", "3", "4", "5"]],
      ["na", "counts", false, ["true", "false"]],
      ["canales", "counts", false, ["a", "b"]],
      ["nota", "other", false, []],
    ]);
    expect(catalogue.questions.find((q) => q.name === "hijos")).toMatchObject({ reason: "dynamic" });
  });

  it("lists text answers only for the declared open questions; without a declaration, for all", () => {
    const listable = (c: typeof catalogue) => c.questions.filter((q) => q.kind === "text" && q.listable).map((q) => q.name);
    expect(listable(catalogue)).toEqual(["sugerencias"]);
    expect(listable(buildQuestionCatalogue(SURVEY))).toEqual(["sugerencias", "cargo"]);
  });
});

describe("question summary (n = 20, k = 5)", () => {
  it("single choice: a partition with 'no answer' (2); 2 and 2 < k hidden, and the smallest shown (6) with them so 10 are hidden", () => {
    const s = section("sede", "choice");
    expect(figures(s.items)).toEqual([
      ["a", 10, null],
      ["b", null, "complementary"],
      ["c", null, "primary"],
      [NO_ANSWER, null, "primary"],
    ]);
    expect(s.items[0]?.share).toBe(0.5);
    expect(s.items[0]?.label).toEqual({ es: "Añatuya", en: "Añatuya (AR)" });
    expect(s.items[3]?.label).toEqual({ es: "Sin respuesta", en: "No answer" });
    // 20 − 2 would give the hidden "no answer" away.
    expect(s.answered).toBeNull();
    expect(s.stats).toBeNull();
  });

  it("boolean: yes and no with their shares, everyone answered", () => {
    const s = section("capacitado", "choice");
    expect(s.items.map((i) => [i.value, i.count, i.share])).toEqual([
      ["true", 12, 0.6],
      ["false", 8, 0.4],
    ]);
    expect(s.answered).toBe(20);
  });

  it("rating: distribution with 1 and 3 and 'no answer' hidden (together 9 ≥ k), mean 63/16 and median 4", () => {
    const s = section("satisfaccion", "choice");
    expect(figures(s.items)).toEqual([
      ["1", null, "primary"],
      ["2", 0, null],
      ["3", null, "primary"],
      ["4", 5, null],
      ["5", 6, null],
      [NO_ANSWER, null, "primary"],
    ]);
    expect(s.stats).toEqual({ mean: 3.9375, median: 4 });
    expect(s.statsHidden).toBe(false);
  });

  it("multiple choice: each option out of the selection, only the primary rule (3 < k hidden, nothing else)", () => {
    const s = section("temas_elegidos", "multi");
    expect(s.items.map((i) => [i.value, i.count, i.share, i.hidden])).toEqual([
      ["x", 7, 0.35, null],
      ["y", null, null, "primary"],
      ["z", 0, 0, null],
      [NO_ANSWER, 10, 0.5, null],
    ]);
  });

  it("ranking: share ranked first among the 12 who ranked, mean positions", () => {
    const s = section("orden", "ranking");
    expect(s.rankers).toBe(12);
    expect(s.items.map((i) => [i.value, i.count, i.share, i.meanRank])).toEqual([
      ["p", 7, 7 / 12, 19 / 12],
      ["q", 5, 5 / 12, 20 / 12],
      ["r", 0, 0, 33 / 12],
    ]);
    expect(s.noRanking).toMatchObject({ count: 8, hidden: null });
    expect(s.meanRankHidden).toBe(false);
  });

  it("ranking with fewer than k rankers: no mean positions, first places hidden", () => {
    const few = buildQuestionSummary(catalogue, [...ranked("p", [2, 1, 0]), ...ranked("q", [1, 2, 0]), ...ranked("r", [0, 0, 3])], N, K);
    const s = few.sections.find((x) => x.key === "orden") as Extract<SummarySection, { kind: "ranking" }>;
    expect(s.meanRankHidden).toBe(true);
    expect(s.items.every((i) => i.meanRank === null)).toBe(true);
    expect(s.items.map((i) => i.hidden)).toEqual(["primary", "primary", null]);
  });

  it("number: 10 answers in 3 bins of width 5; the bins of 4 and 1 hidden; mean 3.4, median 3.5", () => {
    const s = section("horas", "numeric");
    expect(s.items.map((i) => [i.label.es, i.count, i.hidden])).toEqual([
      ["0–4", 5, null],
      ["5–9", null, "primary"],
      ["10–14", null, "primary"],
      ["Sin respuesta", 10, null],
    ]);
    expect(s.answered).toBe(10);
    expect(s.stats).toEqual({ mean: 3.4, median: 3.5 });
  });

  it("number with fewer than k answers: no mean or median", () => {
    const few = buildQuestionSummary(catalogue, rows("horas", { "1": 2, "7": 2 }), N, K);
    const s = few.sections.find((x) => x.key === "horas") as Extract<SummarySection, { kind: "numeric" }>;
    expect([s.stats, s.statsHidden]).toEqual([null, true]);
  });

  it("date: counts per month with the empty month in between", () => {
    const s = section("fecha", "date");
    expect(s.items.map((i) => [i.value, i.label.es, i.label.en, i.count])).toEqual([
      ["2026-01", "enero 2026", "January 2026", 6],
      ["2026-02", "febrero 2026", "February 2026", 0],
      ["2026-03", "marzo 2026", "March 2026", 5],
      [NO_ANSWER, "Sin respuesta", "No answer", 9],
    ]);
  });

  it("text: the number of answers; the answers only for an open question, as given", () => {
    expect(section("sugerencias", "text")).toMatchObject({ answered: 7, listable: true, answers: ["¿Más práctica? ¡Sí!", "<b>no</b>"] });
    expect(section("cargo", "text")).toMatchObject({ answered: 4, listable: false, answers: null });
  });

  it("matrix: each row a partition of the selection with its own mean and median", () => {
    const s = section("escala", "matrix");
    const [r1, r2] = s.rows;
    expect(figures(r1!.items)).toEqual([
      ["1", 10, null],
      ["2", 5, null],
      ["3", 5, null],
    ]);
    expect(r1!.stats).toEqual({ mean: 1.75, median: 1.5 });
    expect(figures(r2!.items)).toEqual([
      ["1", null, "primary"],
      ["2", 0, null],
      ["3", 15, null],
      [NO_ANSWER, null, "primary"],
    ]);
  });

  it("dropdown matrix: a rating column partitions each row (2 'no answer' hidden, 8 with it); boolean and checkbox columns are counts", () => {
    const s = section("necesidades", "matrixdropdown");
    const [imp, na, canales, nota] = s.columns;
    expect(imp?.kind === "choice" && figures(imp.rows[0]!.items)).toEqual([
      ["1", 0, null],
      ["2", 0, null],
      ["3", 0, null],
      ["4", null, "complementary"],
      ["5", 10, null],
      [NO_ANSWER, null, "primary"],
    ]);
    expect(imp?.kind === "choice" && imp.rows[0]!.stats).toEqual({ mean: 82 / 18, median: 5 });
    expect(na?.kind === "counts" && figures(na.rows[0]!.items)).toEqual([
      ["true", null, "primary"],
      ["false", 6, null],
    ]);
    expect(canales?.kind === "counts" && figures(canales.rows[0]!.items)).toEqual([
      ["a", 6, null],
      ["b", null, "primary"],
    ]);
    expect(nota?.kind).toBe("other");
  });

  it("a selection below k shows no count at all", () => {
    const small = buildQuestionSummary(catalogue, rows("sede", { a: 3, b: 1 }), 4, K);
    const s = small.sections.find((x) => x.key === "sede") as Extract<SummarySection, { kind: "choice" }>;
    expect(s.items.filter((i) => i.count).map((i) => i.value)).toEqual([]);
  });

  it("values outside the survey's choices (choices from a URL) are listed after them", () => {
    const extra = buildQuestionSummary(catalogue, rows("sede", { a: 10, zeta: 10 }), N, K);
    const s = extra.sections.find((x) => x.key === "sede") as Extract<SummarySection, { kind: "choice" }>;
    expect(s.items.map((i) => [i.value, i.count])).toEqual([
      ["a", 10],
      ["b", 0],
      ["c", 0],
      ["zeta", 10],
    ]);
  });
});

describe("distributions", () => {
  it("mean and median of value counts (odd and even totals)", () => {
    expect(
      statsOf([
        { value: 2, count: 1 },
        { value: 7, count: 2 },
      ]),
    ).toEqual({ mean: 16 / 3, median: 7 });
    expect(
      statsOf([
        { value: 10, count: 1 },
        { value: 1, count: 1 },
      ]),
    ).toEqual({ mean: 5.5, median: 5.5 });
    expect(statsOf([])).toBeNull();
  });

  it("bins: distinct values when few, else nice widths; about 2k answers per bin", () => {
    expect(targetBins(10, 5)).toBe(3);
    expect(targetBins(400, 5)).toBe(10);
    expect(
      binValues(
        [
          { value: 1, count: 4 },
          { value: 2, count: 6 },
        ],
        3,
      ).map((b) => [b.label.es, b.count]),
    ).toEqual([
      ["1", 4],
      ["2", 6],
    ]);
    const hours = [0, 4, 8, 12, 16, 40, 75, 120, 199].map((value) => ({ value, count: 1 }));
    expect(binValues(hours, 8).map((b) => [b.label.es, b.count])).toEqual([
      ["0–24", 5],
      ["25–49", 1],
      ["50–74", 0],
      ["75–99", 1],
      ["100–124", 1],
      ["125–149", 0],
      ["150–174", 0],
      ["175–199", 1],
    ]);
    const decimals = [0.5, 1.25, 2.5, 3.75].map((value) => ({ value, count: 1 }));
    expect(binValues(decimals, 3).map((b) => [b.label.en, b.count])).toEqual([
      ["0 to < 2", 2],
      ["2 to < 4", 2],
    ]);
  });

  it("dates by month, quarter or year — the finest with at most 12 bars — gaps filled; anything else as written", () => {
    const keys = (r: ReturnType<typeof periodCounts>) => [r.period, r.items.map((m) => [m.key, m.count])];
    expect(
      keys(
        periodCounts(
          new Map([
            ["2025-12", 1],
            ["2026-02", 2],
          ]),
        ),
      ),
    ).toEqual([
      "month",
      [
        ["2025-12", 1],
        ["2026-01", 0],
        ["2026-02", 2],
      ],
    ]);
    // January 2024 to February 2026: 26 months, 9 quarters.
    const quarters = periodCounts(
      new Map([
        ["2024-01", 1],
        ["2024-03", 2],
        ["2024-04", 4],
        ["2026-02", 8],
      ]),
    );
    expect(quarters.period).toBe("quarter");
    expect(quarters.items.map((q) => [q.key, q.count])).toEqual([
      ["2024-Q1", 3],
      ["2024-Q2", 4],
      ["2024-Q3", 0],
      ["2024-Q4", 0],
      ["2025-Q1", 0],
      ["2025-Q2", 0],
      ["2025-Q3", 0],
      ["2025-Q4", 0],
      ["2026-Q1", 8],
    ]);
    expect(quarters.items[0]?.label).toEqual({ es: "ene–mar 2024", en: "Jan–Mar 2024" });
    // 2014 to 2025: twelve years.
    const years = periodCounts(
      new Map([
        ["2014-05", 3],
        ["2019-11", 2],
        ["2025-01", 6],
      ]),
    );
    expect([years.period, years.items.length, years.items[0], years.items[11]?.count]).toEqual([
      "year",
      12,
      { key: "2014", label: { es: "2014", en: "2014" }, count: 3 },
      6,
    ]);
    expect(periodCounts(new Map([["sin fecha", 1]])).items).toEqual([{ key: "sin fecha", label: { es: "sin fecha", en: "sin fecha" }, count: 1 }]);
  });
});
