// A respondent types open answers over several lines (a text box gives a plain LF; pasted text may
// bring CRLF or a lone CR), with separators and quotes. The exports must still hold one row per
// response for readers that are not ours: Python's csv module (byte-exact cells) and LibreOffice
// Calc headless (a line break in a cell is LF there), with "," and ";".
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { insertUnit } from "@/db/queries/units";
import { call, openTestDb, signInAdminAndAnalyst } from "../support/coordinators";
import { HAS_LIBREOFFICE, HAS_PYTHON, readWithLibreOffice, readWithPython } from "../support/external-csv";
import { completeAnswers } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let admin: string;

/** Open answers as typed: each response's three comment boxes. */
const OPEN_ANSWERS = [
  { sugerencias: "x\ny", caso_reciente: "p\r\nq", otras_necesidades: "a\rb" },
  { sugerencias: 'Primero, más práctica;\nsegundo: "casos reales"\n', caso_reciente: "\r\nempieza con salto", otras_necesidades: "\rCR al inicio" },
  { sugerencias: "=1+1\nno es fórmula", caso_reciente: "línea 1\n\n\nlínea 4", otras_necesidades: 'Tumbes, Tacna; "Aguas Verdes"' },
];
const OPEN = ["sugerencias", "caso_reciente", "otras_necesidades"] as const;
const ids = OPEN_ANSWERS.map(() => randomUUID());
/** A unit whose name and institution carry what a coordinator could paste into the form. */
const UNIT = {
  code: "RT-1",
  name: 'Comisión "Tumbes", frontera;\r\nnorte',
  institution: "@Ministerio\nPúblico",
  region: "PE-TUM",
  expected: 4,
  active: true,
};

/** What the export writes for a text cell: formula-looking text after a ', the text kept whole. */
const inert = (t: string) => (/^[=+\-@\t\r]/.test(t) ? `'${t}` : t);
/** Calc keeps a line break inside a cell as LF. */
const asCalc = (t: string) => t.replace(/\r\n?/g, "\n");

beforeAll(async () => {
  server = await startServer({ env: { SONDEO_SEED_SAMPLE_UNITS: "0" } });
  ({ admin } = await signInAdminAndAnalyst(server));
  const db = await openTestDb(server.db);
  try {
    await insertUnit(db, UNIT);
  } finally {
    await closeDb(db);
  }
  for (const [i, answers] of OPEN_ANSWERS.entries()) {
    const res = await call(server.url, `/api/responses/${ids[i]}`, {
      method: "PUT",
      json: { survey: "dnc-tim", unit: null, locale: "es", data: completeAnswers(answers), complete: true },
    });
    expect(res.status).toBe(200);
  }
});
afterAll(async () => server?.stop());

async function download(path: string): Promise<Buffer> {
  const res = await call(server.url, path, { cookie: admin });
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const DIALECTS = [
  ["comma", ","],
  ["semicolon", ";"],
] as const;

describe.each(DIALECTS)("responses.csv with sep=%s", (sep, delimiter) => {
  it.skipIf(!HAS_PYTHON)("reads back in Python's csv module as one row per response, every open answer byte for byte", async () => {
    const rows = readWithPython(await download(`/api/surveys/dnc-tim/export/responses.csv?sep=${sep}`), delimiter)!;
    const [header, ...body] = rows;
    expect(body).toHaveLength(OPEN_ANSWERS.length);
    expect(body.every((r) => r.length === header!.length)).toBe(true);
    for (const [i, answers] of OPEN_ANSWERS.entries()) {
      const row = body.find((r) => r[0] === ids[i])!;
      for (const name of OPEN) expect(row[header!.indexOf(name)], `${name} of response ${i}`).toBe(inert(answers[name]));
    }
  });

  it.skipIf(!HAS_LIBREOFFICE)("opens in LibreOffice Calc as one row per response, every open answer whole", async () => {
    const rows = readWithLibreOffice(await download(`/api/surveys/dnc-tim/export/responses.csv?sep=${sep}`), delimiter)!;
    const [header, ...body] = rows;
    expect(header!.slice(0, 3)).toEqual(["response_id", "survey_version", "unit_code"]);
    expect(body).toHaveLength(OPEN_ANSWERS.length);
    expect(body.every((r) => r.length === header!.length)).toBe(true);
    for (const [i, answers] of OPEN_ANSWERS.entries()) {
      const row = body.find((r) => r[0] === ids[i])!;
      for (const name of OPEN) expect(row[header!.indexOf(name)], `${name} of response ${i}`).toBe(asCalc(inert(answers[name])));
    }
  });
});

describe.each(DIALECTS)("the coverage CSV with sep=%s", (sep, delimiter) => {
  const path = `/api/admin/surveys/dnc-tim/coverage?format=csv&sep=${sep}`;

  it("is served like the other exports", async () => {
    const res = await call(server.url, path, { cookie: admin });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="sondeo-dnc-tim-cobertura-\d{8}-\d{4}\.csv"$/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect([...Buffer.from(await res.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it.skipIf(!HAS_PYTHON)("keeps a unit name with a line break, quotes and separators in one row (Python)", async () => {
    const rows = readWithPython(await download(path), delimiter)!;
    expect(rows[0]).toEqual(["code", "name", "institution", "region", "expected", "started", "completed", "rate_percent"]);
    // RT-1 and the responses that came without a unit.
    expect(rows.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ["RT-1", UNIT.name, inert(UNIT.institution), "PE-TUM", "4"],
      ["", "Sin unidad", "", "", "0"],
    ]);
  });

  it.skipIf(!HAS_LIBREOFFICE)("keeps it in one row in LibreOffice Calc", async () => {
    const rows = readWithLibreOffice(await download(path), delimiter)!;
    expect(rows).toHaveLength(3);
    expect(rows[1]!.slice(0, 3)).toEqual(["RT-1", asCalc(UNIT.name), asCalc(inert(UNIT.institution))]);
  });
});

it("has both external readers in CI (.ci/run installs them); elsewhere says which tests it skipped", () => {
  if (!HAS_PYTHON) console.warn("python3 not found: the Python csv round-trip tests were skipped");
  if (!HAS_LIBREOFFICE) console.warn("soffice not found: the LibreOffice round-trip tests were skipped (apt-get install libreoffice-calc-nogui)");
  if (process.env.CI === "true") expect({ python3: HAS_PYTHON, soffice: HAS_LIBREOFFICE }).toEqual({ python3: true, soffice: true });
});
