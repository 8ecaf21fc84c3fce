// Opens the database — SQLite at SONDEO_DB, or PostgreSQL when SONDEO_DATABASE_URL is set — and
// applies that engine's committed migrations on open, so a fresh checkout needs no migrate step.
//
// Every query function in db/queries is written once, typed against the SQLite schema, and runs on
// either engine: a Db carries its engine's tables (tablesOf), and what differs between the engines
// lives in db/dialect.ts. db/schema-pg.ts mirrors db/schema.ts column for column with identical
// TypeScript types (tests/unit/schema-parity.test.ts), which is what makes that typing sound.
//
// SQLite opens two connections to the file: a read-only one for every query outside a transaction,
// and a writer used only inside transaction() (db/dialect.ts), one transaction at a time. A write
// outside a transaction therefore fails at once ("attempt to write a readonly database") instead of
// silently joining another request's open transaction, and readers never see uncommitted rows.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { Mutex } from "async-mutex";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type Engine = "sqlite" | "postgres";
export type Tables = typeof schema;

const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");
export const PG_MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations-pg");

/** What the dialect module needs to know about an open database. */
export interface DbHandle {
  engine: Engine;
  tables: Tables;
  /** SQLite: the connection transactions write on, and the lock that serialises them. */
  writer?: Db;
  lock?: Mutex;
  /** SQLite: the file (absent for ":memory:"). PostgreSQL: the connection string. */
  target: string;
  close(): Promise<void>;
}

// The handle rides on the database object under a registered symbol, not in a module-level map:
// Next.js bundles this module more than once (pages, route handlers), while the process-wide
// database (getDb) is one object shared by all of them.
const HANDLE = Symbol.for("sondeo.db.handle");

function attach(db: object, handle: DbHandle): void {
  Object.defineProperty(db, HANDLE, { value: handle, enumerable: false, configurable: true });
}

/** The handle of an open database or of a transaction on it. */
export function handleOf(db: object): DbHandle {
  const handle = (db as { [HANDLE]?: DbHandle })[HANDLE];
  if (!handle) throw new Error("not a database opened by db/client.ts (openDb)");
  return handle;
}

/** Registers a transaction object as belonging to the same database (db/dialect.ts). */
export function registerTransaction(tx: object, handle: DbHandle): void {
  attach(tx, handle);
}

export const engineOf = (db: object): Engine => handleOf(db).engine;
/** The tables of the database's engine, typed as the SQLite schema (their types are identical). */
export const tablesOf = (db: object): Tables => handleOf(db).tables;

export interface OpenDbOptions {
  /** Seed the 21 sample units on first start (default: SONDEO_SEED_SAMPLE_UNITS). */
  seedSample?: boolean;
}

export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/**
 * Open (creating if needed) and migrate a database: a SQLite file (":memory:" works too) or a
 * postgres:// URL.
 */
export async function openDb(target: string, options: OpenDbOptions = {}): Promise<Db> {
  const db = isPostgresUrl(target) ? await openPostgres(target) : openSqlite(target);
  if (options.seedSample ?? env().SONDEO_SEED_SAMPLE_UNITS === "1") {
    const { seedSampleUnits } = await import("./queries/seed-sample-units");
    await seedSampleUnits(db);
  }
  return db;
}

function sqliteConnection(file: string, readonly: boolean): Database.Database {
  const sqlite = new Database(file, readonly ? { readonly: true, fileMustExist: true } : {});
  sqlite.pragma("busy_timeout = 10000");
  if (!readonly) {
    sqlite.pragma("journal_mode = WAL");
    // FULL: a response acknowledged to a respondent has been fsynced (survives power loss).
    sqlite.pragma("synchronous = FULL");
  }
  sqlite.pragma("foreign_keys = ON");
  return sqlite;
}

function openSqlite(file: string): Db {
  const memory = file === ":memory:";
  if (!memory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const writer = drizzle(sqliteConnection(file, false), { schema }) as Db;
  migrate(writer, { migrationsFolder: MIGRATIONS_DIR });
  // An in-memory database exists on one connection only: it reads and writes there.
  const reader = memory ? writer : (drizzle(sqliteConnection(file, true), { schema }) as Db);
  const handle: DbHandle = {
    engine: "sqlite",
    tables: schema,
    writer,
    lock: new Mutex(),
    target: memory ? "" : path.resolve(file),
    async close() {
      // Waits for the transaction in progress, then closes both connections.
      await handle.lock!.runExclusive(() => {
        if (reader !== writer && reader.$client.open) reader.$client.close();
        if (writer.$client.open) writer.$client.close();
      });
    },
  };
  attach(reader, handle);
  attach(writer, handle);
  return reader;
}

async function openPostgres(url: string): Promise<Db> {
  const [{ Pool }, { drizzle: drizzlePg }, { migrate: migratePg }, pgSchema] = await Promise.all([
    import("pg"),
    import("drizzle-orm/node-postgres"),
    import("drizzle-orm/node-postgres/migrator"),
    import("./schema-pg"),
  ]);
  // jit=off: the planner guesses 100 rows per JSON function and would JIT-compile the question
  // summary's nested JSON joins (0.6 s of compilation for a 1 ms query); these queries never gain.
  const pool = new Pool({ connectionString: url, max: env().SONDEO_PG_POOL_SIZE, options: "-c jit=off" });
  const db = drizzlePg(pool, { schema: pgSchema });
  // Several instances may start at once: an advisory lock lets one of them migrate at a time.
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(5370646)");
    await migratePg(drizzlePg(client, { schema: pgSchema }), { migrationsFolder: PG_MIGRATIONS_DIR });
  } finally {
    await client.query("select pg_advisory_unlock(5370646)").catch(() => {});
    client.release();
  }
  const handle: DbHandle = {
    engine: "postgres",
    tables: pgSchema as unknown as Tables,
    target: url,
    close: () => pool.end(),
  };
  attach(db, handle);
  return db as unknown as Db;
}

/** Closes every connection of a database opened with openDb. */
export async function closeDb(db: Db): Promise<void> {
  await handleOf(db).close();
}

/**
 * SQLite only: a separate read-only connection for long reads (CSV exports stream for seconds): it
 * reads one consistent WAL snapshot. Call close() when done. Undefined for ":memory:".
 */
export function openSqliteSnapshot(db: Db): Database.Database | undefined {
  const { engine, target } = handleOf(db);
  if (engine !== "sqlite" || !target) return undefined;
  return sqliteConnection(target, true);
}

/** A database target for messages and logs: a PostgreSQL URL without its password. */
export function describeTarget(target: string): string {
  if (!isPostgresUrl(target)) return target === ":memory:" ? target : path.resolve(target);
  const url = new URL(target);
  if (url.password) url.password = "***";
  return url.toString();
}

/** Where the process keeps its data: SONDEO_DATABASE_URL when set, else the SQLite file SONDEO_DB. */
export function databaseTarget(): string {
  return env().SONDEO_DATABASE_URL ?? env().SONDEO_DB;
}

const globalForDb = globalThis as unknown as { sondeoDb?: Promise<Db> };

/** The process-wide database (SONDEO_DATABASE_URL or SONDEO_DB), opened and migrated once. */
export function getDb(): Promise<Db> {
  globalForDb.sondeoDb ??= openDb(databaseTarget()).catch((err) => {
    globalForDb.sondeoDb = undefined;
    throw err;
  });
  return globalForDb.sondeoDb;
}
