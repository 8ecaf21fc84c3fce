import { describe, expect, it } from "vitest";
import { detectDelimiter, parseUnitsCsv } from "@/lib/units/parse-units-csv";

const HEADER = "code,name,institution,region,expected,active";

function errorsOf(input: string | Uint8Array) {
  const r = parseUnitsCsv(input);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
}

describe("units CSV import parsing", () => {
  it("reads a comma file and normalises codes, regions and the active flag", () => {
    const r = parseUnitsCsv(
      `${HEADER}\ncr-tum,Comisión Regional – Tumbes,Comisión regional,pe-tum,18,sí\nMT-ICA,Mesa de Trabajo – Ica,Mesa de trabajo,PE-ICA,7,0\n`,
    );
    expect(r).toEqual({
      ok: true,
      units: [
        {
          line: 2,
          code: "CR-TUM",
          name: "Comisión Regional – Tumbes",
          institution: "Comisión regional",
          region: "PE-TUM",
          expected: 18,
          active: true,
        },
        { line: 3, code: "MT-ICA", name: "Mesa de Trabajo – Ica", institution: "Mesa de trabajo", region: "PE-ICA", expected: 7, active: false },
      ],
    });
  });

  it("reads Excel's Spanish export: BOM, semicolons, CRLF, Spanish headers, quoted fields, no active column", () => {
    const text =
      '\uFEFFCódigo;Nombre;Institución;Región;Esperados\r\nCR-PUN;"Comisión Regional; Puno";Comisión regional;PE-PUN;14\r\n\r\nCR-CUS;"Mesa ""Cusco""";Mesa de trabajo;PE-CUS;12\r\n';
    const bytes = new TextEncoder().encode(text);
    const r = parseUnitsCsv(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.units.map((u) => [u.line, u.code, u.name, u.active])).toEqual([
      [2, "CR-PUN", "Comisión Regional; Puno", true],
      [4, "CR-CUS", 'Mesa "Cusco"', true],
    ]);
  });

  it("reports every bad line with its line number, column and a Spanish and English message", () => {
    const csv = [
      HEADER,
      "CR-TUM,Comisión Tumbes,Comisión regional,PE-TUM,18,1", // 2: fine
      "CR-PIU,,Comisión regional,PE-XYZ,14,1", // 3: no name, bad region
      "CR ÑAN,Ñandú,Comisión regional,PE-LIM,diez,1", // 4: bad code, bad expected
      "CR-TAC,Tacna,Comisión regional,PE-TAC,-3,quizás", // 5: negative, bad active
      "CR-TUM,Otra vez Tumbes,Comisión regional,PE-TUM,5,1", // 6: duplicate code
      "CR-ICA,Ica,Comisión regional,PE-ICA", // 7: too few fields
    ].join("\n");
    const errors = errorsOf(csv);
    expect(errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, "name", "required"],
      [3, "region", "invalid_region"],
      [4, "code", "invalid_code"],
      [4, "expected", "invalid_expected"],
      [5, "expected", "invalid_expected"],
      [5, "active", "invalid_active"],
      [6, "code", "duplicate_code"],
      [7, "line", "field_count"],
    ]);
    const dup = errors.find((e) => e.code === "duplicate_code");
    expect(dup?.message.es).toBe("El código CR-TUM ya aparece en la línea 2.");
    expect(dup?.message.en).toBe("Code CR-TUM already appears on line 2.");
    for (const e of errors) {
      expect(e.message.es.length).toBeGreaterThan(5);
      expect(e.message.en.length).toBeGreaterThan(5);
    }
  });

  it("counts lines of multi-line quoted fields so later line numbers stay right", () => {
    const csv = `${HEADER}\nCR-TUM,"Comisión\nTumbes",Comisión regional,PE-TUM,18,1\nCR-PIU,Piura,Comisión regional,PE-NOPE,14,1\n`;
    expect(errorsOf(csv).map((e) => [e.line, e.column])).toEqual([[4, "region"]]);
  });

  it("requires the header row and names missing or unknown columns", () => {
    const noHeader = errorsOf("CR-TUM,Comisión Tumbes,Comisión regional,PE-TUM,18,1\n");
    expect(noHeader.map((e) => e.code)).toContain("missing_columns");
    expect(noHeader.every((e) => e.line === 1)).toBe(true);
    const typo = errorsOf("code,name,institution,region,expectd\nA,B,C,PE-TUM,1\n");
    expect(typo.map((e) => e.code).sort()).toEqual(["missing_columns", "unknown_column"]);
    expect(typo.find((e) => e.code === "unknown_column")?.message.es).toContain("expectd");
  });

  it("explains a file saved in Windows-1252 instead of UTF-8", () => {
    const latin1 = Uint8Array.from([...Buffer.from(`${HEADER}\nCR-SAM,San Mart`), 0xed, ...Buffer.from("n,Comisión,PE-SAM,8,1\n")]);
    const errors = errorsOf(latin1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 0, column: "file", code: "not_utf8" });
    expect(errors[0]?.message.es).toContain("UTF-8");
  });

  it("refuses empty files, header-only files and broken quoting with a line number", () => {
    expect(errorsOf("")[0]?.code).toBe("empty");
    expect(errorsOf("\uFEFF  \n")[0]?.code).toBe("empty");
    expect(errorsOf(`${HEADER}\n\n`)[0]?.code).toBe("no_rows");
    const broken = errorsOf(`${HEADER}\nCR-TUM,"Tumbes,Comisión,PE-TUM,1,1\n`);
    expect(broken[0]).toMatchObject({ code: "malformed_csv" });
    expect(broken[0]?.line).toBeGreaterThan(0);
  });

  it("detects the separator from the header line", () => {
    expect(detectDelimiter("code;name;institution\n1,2,3")).toBe(";");
    expect(detectDelimiter("code,name,institution\n1;2;3")).toBe(",");
  });
});
