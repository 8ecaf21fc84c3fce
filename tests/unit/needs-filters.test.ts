import { describe, expect, it } from "vitest";
import { parseNeedsQuery, submittedBounds, toSearchParams } from "@/lib/needs/filters";

const allowed = { institucion: ["pnp", "migraciones"], region: ["PE-TUM", "PE-TAC"] };

describe("needs query parameters", () => {
  it("parses a shareable URL and writes it back the same", () => {
    const url = "by=region&institucion=pnp&unit=CR-TUM&from=2026-03-01&to=2026-03-31";
    const parsed = parseNeedsQuery(new URLSearchParams(url), { allowed });
    expect(parsed).toEqual({
      ok: true,
      value: { by: "region", filters: { institucion: "pnp", unit: "CR-TUM", from: "2026-03-01", to: "2026-03-31" } },
    });
    if (parsed.ok) expect(toSearchParams(parsed.value).toString()).toBe(url);
  });

  it("defaults to the institution breakdown and ignores empty form fields", () => {
    expect(parseNeedsQuery({ region: "", institucion: undefined })).toEqual({ ok: true, value: { by: "institucion", filters: {} } });
  });

  it("refuses what it cannot honour, with a message naming the parameter", () => {
    const bad = (q: string, extra?: string[]) => {
      const r = parseNeedsQuery(new URLSearchParams(q), { allowed, extraKeys: extra });
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
