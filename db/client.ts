// Opens the SQLite database, sets the durability pragmas on every connection and applies the
// committed migrations, so a fresh checkout needs no manual migrate step.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { env } from "@/lib/env";
import * as schema from "./schema";
import { seedSampleUnits } from "./queries/seed-sample-units";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");

export interface OpenDbOptions {
  /** Seed the 21 sample units on first start (default: SONDEO_SEED_SAMPLE_UNITS). */
  seedSample?: boolean;
}

/** Open (creating if needed) and migrate a database file; ":memory:" works too. */
export function openDb(file: string, options: OpenDbOptions = {}): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("busy_timeout = 10000");
  sqlite.pragma("journal_mode = WAL");
  // FULL: a response acknowledged to a respondent has been fsynced (survives power loss).
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  if (options.seedSample ?? env().SONDEO_SEED_SAMPLE_UNITS === "1") seedSampleUnits(db);
  return db;
}

/**
 * A separate read-only connection for long reads (CSV exports stream for seconds): it reads one
 * consistent WAL snapshot and leaves the shared connection free for other requests.
 * Call close() when done. Falls back to a fresh migrated connection for ":memory:".
 */
export function openReader(file = env().SONDEO_DB): Database.Database {
  if (file === ":memory:") return getDb().$client;
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  reader.pragma("busy_timeout = 10000");
  return reader;
}

const globalForDb = globalThis as unknown as { sondeoDb?: Db };

/** The process-wide connection to SONDEO_DB. */
export function getDb(): Db {
  globalForDb.sondeoDb ??= openDb(env().SONDEO_DB);
  return globalForDb.sondeoDb;
}
