import { describe, expect, it } from "vitest";
import { buildEntry, versionOf } from "@/surveys/registry";
import { loadDncTim } from "../support/dnc-tim";

describe("survey registry", () => {
  it("gives the same version to the same content, whatever the key order or formatting", () => {
    const a = { title: "Prueba", pages: [{ elements: [{ type: "text", name: "q" }] }] };
    const b = JSON.parse(JSON.stringify({ pages: [{ elements: [{ name: "q", type: "text" }] }], title: "Prueba" }));
    expect(versionOf(a)).toBe(versionOf(b));
  });

  it("gives a new version when any content changes, even one accent", () => {
    const a = { title: "Capacitación", pages: [{ elements: [{ type: "text", name: "q" }] }] };
    const b = { ...a, title: "Capacitacion" };
    expect(versionOf(a)).not.toBe(versionOf(b));
  });

  it("reads our survey: slug, bilingual title, the 18-topic need matrix", () => {
    const entry = loadDncTim();
    expect(entry.slug).toBe("dnc-tim");
    expect(entry.version).toMatch(/^[0-9a-f]{16}$/);
    expect(entry.title.es).not.toBe(entry.title.en);
    expect(entry.needs?.matrix).toBe("necesidades");
    expect(entry.needs?.topics.map((t) => t.code)).toHaveLength(18);
    expect(entry.needs?.topics[0]?.title.es).toMatch(/Protocolo/);
  });

  it("serves any valid SurveyJS JSON, slug from the file name", () => {
    const entry = buildEntry({ pages: [{ elements: [{ type: "comment", name: "opinion" }] }] }, "consulta-2027");
    expect(entry.slug).toBe("consulta-2027");
    expect(entry.needs).toBeUndefined();
  });

  it("refuses unusable definitions with a reason", () => {
    expect(() => buildEntry({ pages: [] }, "vacia")).toThrow(/no questions/);
    expect(() => buildEntry({ pages: [{ elements: [{ type: "text", name: "q" }] }] }, "Mal Slug")).toThrow(/slug/);
  });
});
