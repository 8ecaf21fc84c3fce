// Active units with their region, for generating demo responses.
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { units } from "../schema";

export function listActiveUnitRegions(db: Db) {
  return db.select({ id: units.id, linkCode: units.linkCode, region: units.region }).from(units).where(eq(units.active, true)).all();
}
