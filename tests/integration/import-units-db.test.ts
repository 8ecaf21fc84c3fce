// importUnits on a fresh SQLite: one transaction, so a failure on any row leaves no trace.
import { describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { importUnits, listUnits } from "@/db/queries/units";

describe("importUnits", () => {
  it("rolls back every row when one fails in the database", async () => {
    const db = await openDb(":memory:", { seedSample: true });
    const before = await listUnits(db);
    const good = { code: "NEW-1", name: "Nueva", institution: "PNP", region: "PE-LMA", expected: 3, active: true };
    const update = { ...good, code: "CR-TUM", name: "Cambiada" };
    const broken = { ...good, code: "NEW-2", name: null as unknown as string }; // NOT NULL violation
    await expect(importUnits(db, [good, update, broken])).rejects.toThrow();
    expect(await listUnits(db)).toEqual(before);
    expect(await importUnits(db, [good, update])).toEqual({ created: ["NEW-1"], updated: ["CR-TUM"] });
    expect(await listUnits(db)).toHaveLength(before.length + 1);
  });
});
