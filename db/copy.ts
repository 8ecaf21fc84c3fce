// The move-over from SQLite to PostgreSQL (npm run db:copy): every table of a SQLite database is
// copied into an empty PostgreSQL database in one transaction, parents before children, and each
// table is verified before the commit — same row count, same SHA-256 of its rows read back in
// primary-key order. Any difference rolls the whole copy back; a target that already holds data is
// refused before anything is written.
import { createHash } from "node:crypto";
import { asc, getTableColumns, is, sql, type SQL } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { type Db, engineOf, tablesOf } from "./client";
import { int, run, transaction } from "./dialect";
import * as schema from "./schema";

const CHUNK = 500;

export interface TableCopy {
  table: string;
  rows: number;
  sha256: string;
}

export class CopyRefused extends Error {}

/** The tables, each after the tables its foreign keys point to. */
export function tablesInCopyOrder(): string[] {
  const byName = new Map([...SCHEMA_TABLES.values()].map((t) => [getTableConfig(t).name, t]));
  const ordered: string[] = [];
  const visit = (name: string, path: string[] = []) => {
    if (ordered.includes(name)) return;
    if (path.includes(name)) throw new Error(`foreign keys form a cycle: ${[...path, name].join(" → ")}`);
    for (const fk of getTableConfig(byName.get(name)!).foreignKeys) {
      const parent = getTableConfig(fk.reference().foreignTable).name;
      if (parent !== name) visit(parent, [...path, name]);
    }
    ordered.push(name);
  };
  for (const name of [...byName.keys()].sort()) visit(name);
  return ordered;
}

/** The SQLite schema's tables by their export name (the key of `tablesOf` on either engine). */
const SCHEMA_TABLES = new Map<string, SQLiteTable>();
for (const [key, value] of Object.entries(schema)) if (is(value, SQLiteTable)) SCHEMA_TABLES.set(key, value);

/** The export name in db/schema.ts of the table called `name` in SQL. */
function exportName(name: string): keyof typeof schema {
  for (const [key, table] of SCHEMA_TABLES) if (getTableConfig(table).name === name) return key as keyof typeof schema;
  throw new Error(`no table ${name}`);
}

const schemaTable = (key: keyof typeof schema) => SCHEMA_TABLES.get(key)!;

/**
 * The primary-key columns of a table (composite or single) as ORDER BY terms on `db`'s own table
 * (the configuration is read from the SQLite schema: the PostgreSQL one has the same names).
 */
function keyOrder(db: Db, key: keyof typeof schema): SQL[] {
  const config = getTableConfig(schemaTable(key));
  const names = (config.primaryKeys[0]?.columns ?? config.columns.filter((c) => c.primary)).map((c) => c.name);
  if (names.length === 0) throw new Error(`table ${config.name} has no primary key`);
  const own = Object.values(getTableColumns(tablesOf(db)[key] as SQLiteTable));
  return names.map((name) => {
    const column = own.find((c) => c.name === name)!;
    // SQLite compares text byte by byte; PostgreSQL does so with the "C" collation.
    return engineOf(db) === "postgres" && column.getSQLType() === "text" ? sql`${column} collate "C"` : asc(column);
  });
}

/** Rows of a table in primary-key order, a chunk at a time. */
async function* rowsOf(db: Db, name: string): AsyncGenerator<Record<string, unknown>[]> {
  const key = exportName(name);
  const table = tablesOf(db)[key] as SQLiteTable;
  for (let offset = 0; ; offset += CHUNK) {
    const rows = (await db
      .select()
      .from(table)
      .orderBy(...keyOrder(db, key))
      .limit(CHUNK)
      .offset(offset)) as Record<string, unknown>[];
    if (rows.length > 0) yield rows;
    if (rows.length < CHUNK) return;
  }
}

const hashRows = (hash: ReturnType<typeof createHash>, rows: Record<string, unknown>[], columns: string[]) => {
  for (const row of rows) hash.update(`${JSON.stringify(columns.map((c) => row[c] ?? null))}\n`);
};

/** Row count and content hash of one table, read in primary-key order. */
export async function digestTable(db: Db, name: string): Promise<TableCopy> {
  const columns = Object.keys(getTableColumns(schemaTable(exportName(name))));
  const hash = createHash("sha256");
  let rows = 0;
  for await (const chunk of rowsOf(db, name)) {
    hashRows(hash, chunk, columns);
    rows += chunk.length;
  }
  return { table: name, rows, sha256: hash.digest("hex") };
}

/** The tables of `db` that hold rows (drizzle's own migrations table is not one of ours). */
export async function nonEmptyTables(db: Db): Promise<string[]> {
  const found: string[] = [];
  for (const name of tablesInCopyOrder()) {
    const table = tablesOf(db)[exportName(name)] as SQLiteTable;
    const [row] = await db.select({ n: int(sql`count(*)`) }).from(table);
    if ((row?.n ?? 0) > 0) found.push(name);
  }
  return found;
}

/**
 * Copies every table of `source` (SQLite) into `target` (PostgreSQL, migrated and empty) in one
 * transaction; returns what was copied, each table verified. Throws CopyRefused when the target
 * holds data, and rolls back when a table reads back different.
 */
export async function copyDatabase(source: Db, target: Db, log: (line: string) => void = () => {}): Promise<TableCopy[]> {
  if (engineOf(target) !== "postgres") throw new CopyRefused("the target must be a PostgreSQL database (postgres://…)");
  const busy = await nonEmptyTables(target);
  if (busy.length > 0) {
    throw new CopyRefused(`the target database is not empty (${busy.join(", ")} hold rows); copy into a new, empty database`);
  }
  return transaction(target, async (tx) => {
    const copied: TableCopy[] = [];
    for (const name of tablesInCopyOrder()) {
      const key = exportName(name);
      const columns = Object.keys(getTableColumns(schemaTable(key)));
      const into = tablesOf(tx)[key] as SQLiteTable;
      const hash = createHash("sha256");
      let rows = 0;
      for await (const chunk of rowsOf(source, name)) {
        await tx.insert(into).values(chunk as never);
        hashRows(hash, chunk, columns);
        rows += chunk.length;
      }
      const expected: TableCopy = { table: name, rows, sha256: hash.digest("hex") };
      const actual = await digestTable(tx, name);
      if (actual.rows !== expected.rows || actual.sha256 !== expected.sha256) {
        throw new Error(
          `table ${name} reads back different (${actual.rows} rows, sha256 ${actual.sha256.slice(0, 12)}… instead of ${expected.rows}, ${expected.sha256.slice(0, 12)}…); nothing was copied`,
        );
      }
      await resetIdentity(tx, schemaTable(key));
      log(`${name}: ${rows} rows, sha256 ${expected.sha256.slice(0, 16)}…`);
      copied.push(expected);
    }
    return copied;
  });
}

/** After rows were inserted with their ids, an identity column's next value follows the largest (`table`: the SQLite schema's). */
async function resetIdentity(tx: Db, table: SQLiteTable): Promise<void> {
  const config = getTableConfig(table);
  for (const column of config.columns) {
    if (!column.primary || column.getSQLType() !== "integer") continue;
    await run(
      tx,
      sql`select setval(pg_get_serial_sequence(${config.name}, ${column.name}), coalesce((select max(${sql.identifier(column.name)}) from ${sql.identifier(config.name)}), 0) + 1, false)
          where pg_get_serial_sequence(${config.name}, ${column.name}) is not null`,
    );
  }
}
