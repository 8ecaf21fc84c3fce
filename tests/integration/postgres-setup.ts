// Global setup of the "integration-pg" project: one throwaway PostgreSQL cluster for the whole
// run (each test server gets its own database on it: tests/support/engine.ts).
import type { TestProject } from "vitest/node";
import { startPostgres } from "../support/postgres";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pg = await startPostgres();
  project.provide("postgresUrl", pg.url);
  return () => pg.stop();
}
