// The health check's database probe: one trivial query on either engine.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { get } from "../dialect";

/** Throws when the database does not answer. */
export async function pingDatabase(db: Db): Promise<void> {
  await get(db, sql`select 1`);
}
