// Distribution units as the respondent path needs them.
import { and, eq } from "drizzle-orm";
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
