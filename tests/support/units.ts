// The seeded sample units (21 services, working groups and commissions) in a test server's
// database: their link codes, as a coordinator would hand them out.
import { eq } from "drizzle-orm";
import { closeDb, openDb, tablesOf } from "@/db/client";
import { first } from "@/db/dialect";

/** The link code of the unit with this code (e.g. "CR-TUM"), read from the server's database (either engine). */
export async function unitLink(database: string, unitCode: string): Promise<string> {
  const db = await openDb(database, { seedSample: false });
  try {
    const { units } = tablesOf(db);
    const row = await first(db.select({ linkCode: units.linkCode }).from(units).where(eq(units.code, unitCode)));
    if (!row) throw new Error(`no unit ${unitCode} in ${database}`);
    return row.linkCode;
  } finally {
    await closeDb(db);
  }
}
