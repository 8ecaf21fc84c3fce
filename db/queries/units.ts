// Distribution units: the respondent path's link lookup and the coordinators' list management.
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { conflict } from "@/lib/http/app-error";
import { newLinkCode } from "@/lib/codes/random-code";
import type { UnitFields } from "@/lib/units/unit-fields";
import { type Db, tablesOf } from "../client";
import { first, transaction } from "../dialect";

/** The active unit behind a respondent link code, if any. */
export async function findActiveUnitByLinkCode(db: Db, linkCode: string) {
  const { units } = tablesOf(db);
  return first(
    db
      .select()
      .from(units)
      .where(and(eq(units.linkCode, linkCode.toLowerCase()), eq(units.active, true))),
  );
}

export async function getUnitById(db: Db, id: number) {
  const { units } = tablesOf(db);
  return first(db.select().from(units).where(eq(units.id, id)));
}

export async function findUnitByCode(db: Db, code: string) {
  const { units } = tablesOf(db);
  return first(db.select().from(units).where(eq(units.code, code)));
}

/** All units, active ones first, by code. */
export async function listUnits(db: Db) {
  const { units } = tablesOf(db);
  return db.select().from(units).orderBy(desc(units.active), asc(units.code));
}

/** A link code no unit uses yet (60 random bits: a clash is near impossible, but cheap to rule out). */
export async function freshLinkCode(db: Db): Promise<string> {
  const { units } = tablesOf(db);
  for (;;) {
    const code = newLinkCode();
    if (!(await first(db.select({ id: units.id }).from(units).where(eq(units.linkCode, code))))) return code;
  }
}

async function assertCodeFree(db: Db, code: string, exceptId?: number): Promise<void> {
  const { units } = tablesOf(db);
  const clash = await first(
    db
      .select({ id: units.id })
      .from(units)
      .where(exceptId === undefined ? eq(units.code, code) : and(eq(units.code, code), ne(units.id, exceptId))),
  );
  if (clash) throw conflict("unit_code_taken", `Another unit already has the code ${code}.`);
}

export async function insertUnit(db: Db, fields: UnitFields) {
  const { units } = tablesOf(db);
  return transaction(db, async (tx) => {
    await assertCodeFree(tx, fields.code);
    const [unit] = await tx
      .insert(units)
      .values({ ...fields, linkCode: await freshLinkCode(tx) })
      .returning();
    return unit!;
  });
}

/** Edits a unit; its link code (printed on flyers) is kept. Editing a sample unit adopts it. */
export async function updateUnit(db: Db, id: number, fields: Partial<UnitFields>) {
  const { units } = tablesOf(db);
  return transaction(db, async (tx) => {
    if (fields.code !== undefined) await assertCodeFree(tx, fields.code, id);
    const [unit] = await tx
      .update(units)
      .set({ ...fields, isSample: false, updatedAt: new Date().toISOString() })
      .where(eq(units.id, id))
      .returning();
    return unit!;
  });
}

/** A new link code: the old link (and QR) stops working at once. */
export async function regenerateUnitLink(db: Db, id: number) {
  const { units } = tablesOf(db);
  return transaction(db, async (tx) => {
    const [unit] = await tx
      .update(units)
      .set({ linkCode: await freshLinkCode(tx), updatedAt: new Date().toISOString() })
      .where(eq(units.id, id))
      .returning();
    return unit!;
  });
}

/**
 * Inserts or updates (by code) every unit of an import in one transaction: all or nothing.
 * Existing units keep their link code; units absent from the file are left as they are.
 */
export async function importUnits(db: Db, rows: readonly UnitFields[]): Promise<{ created: string[]; updated: string[] }> {
  const { units } = tablesOf(db);
  return transaction(db, async (tx) => {
    const created: string[] = [];
    const updated: string[] = [];
    const now = new Date().toISOString();
    for (const row of rows) {
      const existing = await first(tx.select({ id: units.id }).from(units).where(eq(units.code, row.code)));
      if (existing) {
        await tx
          .update(units)
          .set({ ...row, isSample: false, updatedAt: now })
          .where(eq(units.id, existing.id));
        updated.push(row.code);
      } else {
        await tx.insert(units).values({ ...row, linkCode: await freshLinkCode(tx) });
        created.push(row.code);
      }
    }
    return { created, updated };
  });
}
