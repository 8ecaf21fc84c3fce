import { describe, expect, it } from "vitest";
import { auditBounds, auditHref, parseAuditQuery } from "@/lib/audit/audit-query";
import { changedFields } from "@/lib/audit/changed-fields";
import { peruDayStartIso, peruToday } from "@/lib/time/lima-time";
import { publicBaseUrl, unitSurveyLink } from "@/lib/http/public-url";
import { safeNextPath } from "@/lib/http/safe-next-path";

const h = (o: Record<string, string>) => ({ get: (k: string) => o[k] ?? null });

describe("after sign-in, go only to a path on this site", () => {
  it.each([
    ["/admin/units/3?x=1#top", "/admin/units/3?x=1#top"],
    ["/admin", "/admin"],
    ["//evil.example/admin", "/admin"],
    ["/\\evil.example", "/admin"],
    ["https://evil.example/", "/admin"],
    ["javascript:alert(1)", "/admin"],
    ["/admin\n//evil", "/admin"],
    ["", "/admin"],
    [undefined, "/admin"],
    [["/a", "/b"], "/admin"],
  ])("%j → %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});

describe("respondent links", () => {
  it("use SONDEO_PUBLIC_URL when set, else the request's host and scheme", () => {
    expect(publicBaseUrl("https://encuestas.gob.pe/", h({ host: "10.0.0.1:3000" }))).toBe("https://encuestas.gob.pe");
    expect(publicBaseUrl(undefined, h({ host: "127.0.0.1:3000" }))).toBe("http://127.0.0.1:3000");
    expect(publicBaseUrl(undefined, h({ host: "a", "x-forwarded-host": "sondeo.pe", "x-forwarded-proto": "https" }))).toBe("https://sondeo.pe");
    expect(unitSurveyLink("https://sondeo.pe", "dnc-tim", "abcd1234efgh")).toBe("https://sondeo.pe/s/dnc-tim?u=abcd1234efgh");
  });
});

describe("audit page filters", () => {
  it("read dates as Peru days and ignore malformed values", () => {
    const q = parseAuditQuery({ action: "auth.*", actor: "ana@x.pe", from: "2026-11-01", to: "2026-11-30", page: "2" });
    expect(q).toEqual({ action: "auth.*", actor: "ana@x.pe", from: "2026-11-01", to: "2026-11-30", page: 2 });
    expect(auditBounds(q)).toEqual({ fromIso: "2026-11-01T05:00:00.000Z", toIso: "2026-12-01T05:00:00.000Z" });
    expect(parseAuditQuery({ action: "x'; drop", from: "yesterday", page: "-1" })).toEqual({ page: 1 });
    expect(auditHref(q, { page: 3 })).toBe("/admin/audit?action=auth.*&actor=ana%40x.pe&from=2026-11-01&to=2026-11-30&page=3");
    expect(peruDayStartIso("2026-13-45")).toBeUndefined();
    expect(peruToday(new Date("2026-12-01T03:00:00Z"))).toBe("2026-11-30");
  });
});

describe("small helpers", () => {
  it("list only changed fields for the audit log", () => {
    expect(changedFields({ a: 1, b: "x", c: true }, { a: 1, b: "y" }, ["a", "b", "c"])).toEqual({ b: ["x", "y"] });
  });
});

describe("audit details", () => {
  it("read as a short line, with edits shown as before → after", async () => {
    const { formatAuditDetails } = await import("@/lib/audit/audit-details");
    expect(formatAuditDetails(JSON.stringify({ id: 3, changes: { expected: [18, 40], active: [true, false] } }))).toBe(
      "id: 3 · expected: 18 → 40 · active: true → false",
    );
    expect(formatAuditDetails(JSON.stringify({ created: ["A", "B"], updated: [] }))).toBe("created: A, B · updated: ");
    expect(formatAuditDetails(null)).toBe("—");
    expect(formatAuditDetails("not json")).toBe("not json");
  });
});
