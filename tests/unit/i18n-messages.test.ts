import { describe, expect, it } from "vitest";
import { messagesFor } from "@/i18n/messages";

function keys(obj: unknown, prefix = ""): string[] {
  if (obj === null || typeof obj !== "object") return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("interface messages", () => {
  it("have the same keys in Spanish and English, none empty", () => {
    const es = messagesFor("es");
    const en = messagesFor("en");
    expect(keys(en).sort()).toEqual(keys(es).sort());
    for (const k of keys(es)) {
      const get = (m: unknown) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], m);
      expect(String(get(es)).trim(), `es ${k}`).not.toBe("");
      expect(String(get(en)).trim(), `en ${k}`).not.toBe("");
    }
  });
});
