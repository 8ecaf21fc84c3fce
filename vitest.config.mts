import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Debian's PostgreSQL server binaries are installed (tests/support/postgres.ts postgresBinDir). */
function hasPostgres(): boolean {
  const root = "/usr/lib/postgresql";
  return fs.existsSync(root) && fs.readdirSync(root).some((major) => fs.existsSync(path.join(root, major, "bin", "initdb")));
}

export default defineConfig({
  resolve: { alias: { "@": path.dirname(fileURLToPath(import.meta.url)) } },
  test: {
    // Code that reads surveys in the test process itself (getSurvey) gets a fresh in-memory
    // database, into which the registry imports surveys/ as a new server would; servers started by
    // the tests get their own SONDEO_DB.
    env: { SONDEO_DB: ":memory:" },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 300_000,
          globalSetup: ["tests/integration/global-setup.ts"],
        },
      },
      // The same integration suite on PostgreSQL (docs/deployment.md): a throwaway cluster for the
      // run (tests/support/postgres.ts), a new database per test server. Left out where PostgreSQL
      // is not installed, except on CI, which must run it (.ci/run installs it).
      ...(hasPostgres() || process.env.CI
        ? [
            {
              extends: true,
              test: {
                name: "integration-pg",
                include: ["tests/integration/**/*.test.ts"],
                // About SQLite itself: its migrations of files from earlier versions (PostgreSQL
                // databases start at the current schema, db/migrations-pg), `npm run backup` (SQLite's
                // online backup API; PostgreSQL's is pg_dump); and the tests that start a cluster of
                // their own to compare both engines (run once, in the project above).
                exclude: [
                  "tests/integration/migration-generic-needs.test.ts",
                  "tests/integration/migration-rounds.test.ts",
                  "tests/integration/backup.test.ts",
                  "tests/integration/postgres-cluster.test.ts",
                  "tests/integration/summary-engines.test.ts",
                ],
                environment: "node",
                testTimeout: 60_000,
                hookTimeout: 300_000,
                env: { SONDEO_TEST_ENGINE: "postgres" },
                globalSetup: ["tests/integration/global-setup.ts", "tests/integration/postgres-setup.ts"],
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          globalSetup: ["tests/e2e/global-setup.ts"],
        },
      },
    ],
  },
});
