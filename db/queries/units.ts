// Distribution units: the respondent path's link lookup and the coordinators' list management.
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { conflict } from "@/lib/http/app-error";
import { newLinkCode } from "@/lib/codes/random-code";
import type { UnitFields } from "@/lib/units/unit-fields";
import type { Db } from "../client";
import { units } from "../schema";

/** The active unit behind a respondent link code, if any. */
export function findActiveUnitByLinkCode(db: Db, linkCode: string) {
  return db
    .select()
    .from(units)
    .where(and(eq(units.linkCode, linkCode.toLowerCase()), eq(units.active, true)))
    .get();
}

export function getUnitById(db: Db, id: number) {
  return db.select().from(units).where(eq(units.id, id)).get();
}

export function findUnitByCode(db: Db, code: string) {
  return db.select().from(units).where(eq(units.code, code)).get();
}

/** All units, active ones first, by code. */
export function listUnits(db: Db) {
  return db.select().from(units).orderBy(desc(units.active), asc(units.code)).all();
}

/** A link code no unit uses yet (60 random bits: a clash is near impossible, but cheap to rule out). */
export function freshLinkCode(db: Db): string {
  for (;;) {
    const code = newLinkCode();
    if (!db.select({ id: units.id }).from(units).where(eq(units.linkCode, code)).get()) return code;
  }
}

function assertCodeFree(db: Db, code: string, exceptId?: number): void {
  const clash = db
    .select({ id: units.id })
    .from(units)
    .where(exceptId === undefined ? eq(units.code, code) : and(eq(units.code, code), ne(units.id, exceptId)))
    .get();
  if (clash) throw conflict("unit_code_taken", `Another unit already has the code ${code}.`);
}

export function insertUnit(db: Db, fields: UnitFields) {
  return db.transaction((tx) => {
    assertCodeFree(tx as unknown as Db, fields.code);
    return tx
      .insert(units)
      .values({ ...fields, linkCode: freshLinkCode(tx as unknown as Db) })
      .returning()
      .get();
  });
}

/** Edits a unit; its link code (printed on flyers) is kept. Editing a sample unit adopts it. */
export function updateUnit(db: Db, id: number, fields: Partial<UnitFields>) {
  return db.transaction((tx) => {
    if (fields.code !== undefined) assertCodeFree(tx as unknown as Db, fields.code, id);
    return tx
      .update(units)
      .set({ ...fields, isSample: false, updatedAt: new Date().toISOString() })
      .where(eq(units.id, id))
      .returning()
      .get();
  });
}

/** A new link code: the old link (and QR) stops working at once. */
export function regenerateUnitLink(db: Db, id: number) {
  return db
    .update(units)
    .set({ linkCode: freshLinkCode(db), updatedAt: new Date().toISOString() })
    .where(eq(units.id, id))
    .returning()
    .get();
}

/**
 * Inserts or updates (by code) every unit of an import in one transaction: all or nothing.
 * Existing units keep their link code; units absent from the file are left as they are.
 */
export function importUnits(db: Db, rows: readonly UnitFields[]): { created: string[]; updated: string[] } {
  return db.transaction(
    (tx) => {
      const created: string[] = [];
      const updated: string[] = [];
      const now = new Date().toISOString();
      for (const row of rows) {
        const existing = tx.select({ id: units.id }).from(units).where(eq(units.code, row.code)).get();
        if (existing) {
          tx.update(units)
            .set({ ...row, isSample: false, updatedAt: now })
            .where(eq(units.id, existing.id))
            .run();
          updated.push(row.code);
        } else {
          tx.insert(units)
            .values({ ...row, linkCode: freshLinkCode(tx as unknown as Db) })
            .run();
          created.push(row.code);
        }
      }
      return { created, updated };
    },
    { behavior: "immediate" },
  );
}
