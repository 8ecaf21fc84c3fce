// Checks, straight from the database (either engine), that acknowledged completions are stored
// exactly once, complete, with their need ratings.
import { eq, sql } from "drizzle-orm";
import { closeDb, engineOf, openDb, tablesOf } from "@/db/client";
import { first, get, int } from "@/db/dialect";

export interface StoredCheck {
  integrity: string;
  missing: string[];
  notComplete: string[];
  wrongRatings: string[];
  duplicates: number;
}

export async function verifyAcknowledged(database: string, acknowledged: Iterable<string>): Promise<StoredCheck> {
  const db = await openDb(database, { seedSample: false });
  try {
    const { responses, needRatings } = tablesOf(db);
    // SQLite checks its file; PostgreSQL has no such check in core (its WAL replay is the
    // server's own recovery): there the rows below are the check.
    const integrity =
      engineOf(db) === "sqlite" ? String((await get<{ integrity_check: string }>(db, sql`pragma integrity_check`))?.integrity_check) : "ok";
    const out: StoredCheck = { integrity, missing: [], notComplete: [], wrongRatings: [], duplicates: 0 };
    for (const id of acknowledged) {
      const row = await first(db.select({ status: responses.status }).from(responses).where(eq(responses.id, id)));
      const ratings = await first(
        db
          .select({ n: int(sql`count(*)`) })
          .from(needRatings)
          .where(eq(needRatings.responseId, id)),
      );
      if (!row) out.missing.push(id);
      else if (row.status !== "complete") out.notComplete.push(id);
      else if (ratings?.n !== 18) out.wrongRatings.push(id);
    }
    const dup = await get<{ n: number }>(
      db,
      sql`select ${int(sql`count(*)`)} as n from (select id from responses group by id having count(*) > 1) as d`,
    );
    out.duplicates = dup?.n ?? 0;
    return out;
  } finally {
    await closeDb(db);
  }
}
