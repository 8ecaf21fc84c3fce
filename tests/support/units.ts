// The seeded sample units (21 services, working groups and commissions) in a test server's
// database: their link codes, as a coordinator would hand them out.
import Database from "better-sqlite3";

/** The link code of the unit with this code (e.g. "CR-TUM"), read from the database file. */
export function unitLink(dbFile: string, unitCode: string): string {
  const db = new Database(dbFile, { readonly: true });
  try {
    const row = db.prepare("select link_code from units where code = ?").get(unitCode) as { link_code: string } | undefined;
    if (!row) throw new Error(`no unit ${unitCode} in ${dbFile}`);
    return row.link_code;
  } finally {
    db.close();
  }
}
