// The one CSV writer of every export: whatever a respondent types (line breaks from any system,
// separators, quotes, formula-looking text) comes back from a CSV parser as one row with the same
// cells. The parser here splits records at CRLF, LF and CR alike, as Excel, R, Python and
// LibreOffice do, so a line break the writer forgot to quote shows up as an extra row.
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Cell } from "@/lib/export/columns";
import { csvFromRecords, type Separator } from "@/lib/export/csv-format";

async function write(records: Cell[][], separator: Separator, header: string[]): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of csvFromRecords(records, separator, header)) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

function read(text: string, separator: Separator): string[][] {
  return parse(text, {
    bom: true,
    delimiter: separator === "comma" ? "," : ";",
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_quotes: false,
  });
}

const HEADER = ["id", "text", "other"];
/** What the writer makes of a text cell: formula-looking text gets a leading ', the rest is kept. */
const inert = (t: string) => (/^[=+\-@\t\r]/.test(t) ? `'${t}` : t);
const MULTI_LINE = [
  "x\ny",
  "p\r\nq",
  "a\rb",
  "\n",
  "vacías:\r\n\r\n",
  "fin\n",
  "\nprincipio",
  "a,b",
  "a;b",
  'dijo "sí"',
  '"',
  "Ñandú – ¿á?\nsegunda línea",
];

describe.each(["comma", "semicolon"] as const)("the CSV writer (%s)", (separator) => {
  it("keeps an answer with line breaks, separators and quotes in one row, byte for byte", async () => {
    const records = MULTI_LINE.map((text, i) => [`r${i}`, text, "después"]);
    const rows = read(await write(records, separator, HEADER), separator);
    expect(rows).toHaveLength(1 + MULTI_LINE.length);
    expect(rows[0]).toEqual(HEADER);
    rows.slice(1).forEach((row, i) => expect(row).toEqual([`r${i}`, MULTI_LINE[i], "después"]));
  });

  it("quotes every field holding CR, LF, the separator or a quote, and ends records with CRLF", async () => {
    const text = await write([["a\rb", "p\r\nq", "x\ny"]], separator, HEADER);
    const sep = separator === "comma" ? "," : ";";
    expect(text).toBe(`\uFEFFid${sep}text${sep}other\r\n"a\rb"${sep}"p\r\nq"${sep}"x\ny"\r\n`);
  });

  it("prefixes formula-looking text with ' and keeps the rest of it, a leading CR included", async () => {
    const injections = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "\r\n=1+1", "\n=1"];
    const rows = read(
      await write(
        injections.map((t, i) => [String(i), t, null]),
        separator,
        HEADER,
      ),
      separator,
    );
    expect(rows).toHaveLength(1 + injections.length);
    expect(rows.slice(1).map((r) => r[1])).toEqual(injections.map(inert));
    expect(rows[6]![1]).toBe("'\rCR");
    expect(rows.slice(1).map((r) => r[2])).toEqual(injections.map(() => ""));
  });

  it("round-trips any text made of line breaks, separators, quotes and accents", async () => {
    const piece = fc.constantFrom("\r", "\n", "\r\n", ",", ";", '"', "'", "=", "-", " ", "a", "ñ", "¿", "\t");
    const cell = fc.array(piece, { maxLength: 12 }).map((p) => p.join(""));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 8 }), async (pairs) => {
        const records = pairs.map(([a, b], i) => [String(i), a, b]);
        const rows = read(await write(records, separator, HEADER), separator);
        expect(rows.slice(1)).toEqual(pairs.map(([a, b], i) => [String(i), inert(a), inert(b)]));
      }),
      { numRuns: 300 },
    );
  });

  it("writes numbers as numbers, with the decimal comma in the ';' dialect", async () => {
    const rows = read(await write([["n", 2.5, -3]], separator, HEADER), separator);
    expect(rows[1]).toEqual(["n", separator === "comma" ? "2.5" : "2,5", "-3"]);
  });
});
