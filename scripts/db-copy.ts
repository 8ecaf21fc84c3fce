// npm run db:copy -- --to postgres://user:password@host:5432/database [--from ./data/sondeo.db]
// Moves a Sondeo database from SQLite to PostgreSQL (docs/deployment.md, "Running beyond one
// machine"): the target is migrated, must be empty, and receives every table in one transaction,
// each verified by row count and content hash before the commit (db/copy.ts). Stop the app first:
// responses saved during the copy would stay behind in the SQLite file.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { closeDb, describeTarget, isPostgresUrl, openDb } from "@/db/client";
import { CopyRefused, copyDatabase } from "@/db/copy";
import { env } from "@/lib/env";

const USAGE = "Usage: npm run db:copy -- --to postgres://user:password@host:5432/database [--from <SQLite file, default SONDEO_DB>]";

function fail(message: string): never {
  console.error(`db:copy: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let values: { to?: string; from?: string };
  try {
    ({ values } = parseArgs({ options: { to: { type: "string" }, from: { type: "string" } }, strict: true }));
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  const to = values.to;
  if (!to || !isPostgresUrl(to)) fail(`--to must be a postgres:// URL.\n${USAGE}`);
  const from = values.from ?? env().SONDEO_DB;
  if (isPostgresUrl(from) || !fs.existsSync(from)) fail(`--from must be an existing SQLite file (got ${from}).\n${USAGE}`);

  const source = await openDb(from, { seedSample: false });
  const target = await openDb(to, { seedSample: false });
  try {
    console.log(`Copying ${describeTarget(from)} → ${describeTarget(to)}`);
    const started = performance.now();
    const copied = await copyDatabase(source, target, (line) => console.log(`  ${line}`));
    const rows = copied.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `Copied and verified ${copied.length} tables, ${rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s.\n` +
        `Start the app with SONDEO_DATABASE_URL set to the target; keep ${describeTarget(from)} as a backup.`,
    );
  } catch (err) {
    if (err instanceof CopyRefused) fail(err.message);
    throw err;
  } finally {
    await closeDb(source);
    await closeDb(target);
  }
}

main().catch((err: Error) => fail(err.message));
