// npm run backup -- <file>
// A consistent online copy of SONDEO_DB made with SQLite's backup API while the server keeps
// running (readers and writers are not blocked); the copy is checked before this reports success.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { env } from "@/lib/env";

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) {
    console.error("Usage: npm run backup -- <backup file>   (copies SONDEO_DB, default ./data/sondeo.db)");
    process.exit(2);
  }
  const source = path.resolve(env().SONDEO_DB);
  if (!fs.existsSync(source)) throw new Error(`no database at ${source}`);
  const dest = path.resolve(target);
  if (dest === source) throw new Error("the backup file must differ from the database");
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const started = Date.now();
  const db = new Database(source, { fileMustExist: true });
  db.pragma("busy_timeout = 10000");
  try {
    await db.backup(dest);
  } finally {
    db.close();
  }
  const copy = new Database(dest, { readonly: true });
  try {
    const integrity = copy.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`integrity check of the copy failed: ${String(integrity)}`);
    const counts = copy.prepare("select status, count(*) as n from responses group by status order by status").all() as {
      status: string;
      n: number;
    }[];
    const summary = counts.map((c) => `${c.n} ${c.status}`).join(", ") || "no responses";
    console.log(
      `Backup of ${source} written to ${dest} in ${Date.now() - started} ms ` + `(${fs.statSync(dest).size} bytes; ${summary}; integrity ok).`,
    );
  } finally {
    copy.close();
  }
}

main().catch((err: Error) => {
  console.error(`Backup failed: ${err.message}`);
  process.exit(1);
});
