// Active units with their region, for generating demo responses.
import { eq } from "drizzle-orm";
import { type Db, tablesOf } from "../client";

export async function listActiveUnitRegions(db: Db) {
  const { units } = tablesOf(db);
  return db.select({ id: units.id, linkCode: units.linkCode, region: units.region }).from(units).where(eq(units.active, true));
}
