// Checks, straight from the SQLite file, that acknowledged completions are stored exactly once.
import Database from "better-sqlite3";

export interface StoredCheck {
  integrity: string;
  missing: string[];
  notComplete: string[];
  wrongRatings: string[];
  duplicates: number;
}

export function verifyAcknowledged(dbFile: string, acknowledged: Iterable<string>): StoredCheck {
  const db = new Database(dbFile, { readonly: true });
  try {
    const integrity = String(db.pragma("integrity_check", { simple: true }));
    const get = db.prepare("select status from responses where id = ?");
    const ratings = db.prepare("select count(*) as n from need_ratings where response_id = ?");
    const out: StoredCheck = { integrity, missing: [], notComplete: [], wrongRatings: [], duplicates: 0 };
    for (const id of acknowledged) {
      const row = get.get(id) as { status: string } | undefined;
      if (!row) out.missing.push(id);
      else if (row.status !== "complete") out.notComplete.push(id);
      else if ((ratings.get(id) as { n: number }).n !== 18) out.wrongRatings.push(id);
    }
    out.duplicates = (db.prepare("select count(*) as n from (select id from responses group by id having count(*) > 1)").get() as { n: number }).n;
    return out;
  } finally {
    db.close();
  }
}
