// Which database engine this test run uses. The integration suite runs twice (vitest.config.ts):
// project "integration" on SQLite, project "integration-pg" on PostgreSQL (SONDEO_TEST_ENGINE,
// and a throwaway cluster started by tests/integration/postgres-setup.ts). A test that only makes
// sense on one engine says why where it skips.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabaseAt } from "./postgres";

export type TestEngine = "sqlite" | "postgres";

export const TEST_ENGINE: TestEngine = process.env.SONDEO_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";
export const ON_POSTGRES = TEST_ENGINE === "postgres";

/**
 * A new, empty database of this run's engine: a SQLite file in `dir` (a temp dir by default), or
 * a new database on the run's PostgreSQL cluster. Returns what openDb and SONDEO_DB /
 * SONDEO_DATABASE_URL take.
 */
export async function newTestDatabase(dir?: string): Promise<string> {
  if (ON_POSTGRES) {
    // Loaded here, not at the top: the benchmarks import the test servers outside vitest's runner.
    const { inject } = await import("vitest");
    return createDatabaseAt(inject("postgresUrl"));
  }
  const where = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-db-"));
  return path.join(where, "sondeo.db");
}

/** The server environment that points an app at `target`. */
export function databaseEnv(target: string): Record<string, string> {
  return target.startsWith("postgres") ? { SONDEO_DATABASE_URL: target } : { SONDEO_DB: target };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The integration-pg run's PostgreSQL cluster (a database URL on it). */
    postgresUrl: string;
  }
}
