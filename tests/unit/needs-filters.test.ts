import { describe, expect, it } from "vitest";
import { parseNeedsQuery, submittedBounds, toSearchParams, type FilterSpec } from "@/lib/needs/filters";

// The parameters come from the survey's declared breakdowns, whatever they are called.
const spec: FilterSpec = {
  dimensions: [
    { name: "institucion", kind: "question", values: ["pnp", "migraciones"] },
    { name: "region", kind: "question", values: ["PE-TUM", "PE-TAC"] },
    { name: "unit", kind: "unit", values: [] },
  ],
};
const other: FilterSpec = {
  dimensions: [
    { name: "ministerio", kind: "question", values: ["trabajo", "salud"] },
    { name: "provincia", kind: "question", values: ["lima", "cusco"] },
  ],
};

describe("needs query parameters", () => {
  it("parses a shareable URL and writes it back the same", () => {
    const url = "by=region&institucion=pnp&unit=CR-TUM&from=2026-03-01&to=2026-03-31";
    const parsed = parseNeedsQuery(new URLSearchParams(url), spec);
    expect(parsed).toEqual({
      ok: true,
      value: { by: "region", filters: { institucion: "pnp", unit: "CR-TUM", from: "2026-03-01", to: "2026-03-31" } },
    });
    if (parsed.ok) expect(toSearchParams(parsed.value, spec).toString()).toBe(url);
  });

  it("defaults to the first declared breakdown and ignores empty form fields", () => {
    expect(parseNeedsQuery({ region: "", institucion: undefined }, spec)).toEqual({ ok: true, value: { by: "institucion", filters: {} } });
    expect(parseNeedsQuery({}, other)).toEqual({ ok: true, value: { by: "ministerio", filters: {} } });
  });

  it("takes another survey's breakdowns as its parameters, and refuses the first survey's", () => {
    const parsed = parseNeedsQuery(new URLSearchParams("by=provincia&ministerio=salud"), other);
    expect(parsed).toEqual({ ok: true, value: { by: "provincia", filters: { ministerio: "salud" } } });
    if (parsed.ok) expect(toSearchParams(parsed.value, other).toString()).toBe("by=provincia&ministerio=salud");
    const refused = parseNeedsQuery(new URLSearchParams("institucion=pnp"), other);
    expect(refused.ok ? "ok" : refused.message).toMatch(/Unknown parameter "institucion"/);
    const noUnit = parseNeedsQuery(new URLSearchParams("unit=CR-TUM"), other);
    expect(noUnit.ok ? "ok" : noUnit.message).toMatch(/Unknown parameter "unit"/);
  });

  it("without breakdowns (no declaration) accepts only the dates", () => {
    const none: FilterSpec = { dimensions: [] };
    expect(parseNeedsQuery(new URLSearchParams("from=2026-03-01"), none)).toEqual({ ok: true, value: { by: null, filters: { from: "2026-03-01" } } });
    const r = parseNeedsQuery(new URLSearchParams("by=x"), none);
    expect(r.ok ? "ok" : r.message).toMatch(/Unknown parameter "by"/);
  });

  it("refuses what it cannot honour, with a message naming the parameter", () => {
    const bad = (q: string, extra?: string[]) => {
      const r = parseNeedsQuery(new URLSearchParams(q), spec, { extraKeys: extra });
      return r.ok ? "ok" : r.message;
    };
    expect(bad("institucion=policia")).toMatch(/^institucion: must be one of: pnp, migraciones/);
    expect(bad("by=dependencia")).toMatch(/^by:/);
    expect(bad("regin=PE-TUM")).toMatch(/Unknown parameter "regin"/);
    expect(bad("region=PE-TUM&region=PE-TAC")).toMatch(/at most once/);
    expect(bad("from=2026-02-30")).toMatch(/^from: must be a date/);
    expect(bad("from=2026-13-01")).toMatch(/^from: must be a date/);
    expect(bad("from=2026-03-02&to=2026-03-01")).toMatch(/^to:/);
    expect(bad("unit=<script>")).toMatch(/^unit:/);
    expect(bad("page=2", ["page"])).toBe("ok");
  });

  it("reads dates as days in Peru (UTC−5), `to` inclusive", () => {
    expect(submittedBounds({ from: "2026-03-01", to: "2026-03-31" })).toEqual({
      from: "2026-03-01T05:00:00.000Z",
      toExclusive: "2026-04-01T05:00:00.000Z",
    });
  });
});
