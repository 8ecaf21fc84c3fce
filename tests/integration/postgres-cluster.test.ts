// The throwaway PostgreSQL cluster of tests/support/postgres.ts, and the PostgreSQL migrations
// (db/migrations-pg) on it: a new database gets every table of db/schema-pg.ts, defaults fill in as
// in SQLite (ISO 8601 UTC timestamps, whatever the session's time zone), and Spanish text comes
// back byte for byte.
import path from "node:path";
import { eq, getTableName, is } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { PgTable } from "drizzle-orm/pg-core";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema-pg";
import { HAS_POSTGRES, postgresBinDir, startPostgres, type TestPostgres } from "../support/postgres";

const MIGRATIONS = path.resolve(__dirname, "../../db/migrations-pg");
const NAME = "Comisión de Tumbes – ñ ¿";
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let cluster: TestPostgres | undefined;
let pool: Pool;
let db: NodePgDatabase<typeof schema>;

beforeAll(async () => {
  if (!HAS_POSTGRES) return;
  cluster = await startPostgres();
  // A session time zone other than UTC: the timestamp defaults must not depend on it.
  pool = new Pool({ connectionString: await cluster.createDatabase(), options: "-c TimeZone=America/Lima" });
  db = drizzle(pool, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
});
afterAll(async () => {
  await pool?.end();
  await cluster?.stop();
});

describe("a throwaway PostgreSQL cluster", () => {
  it.skipIf(!HAS_POSTGRES)("listens on 127.0.0.1 as the postgres superuser", async () => {
    expect(cluster!.url).toBe(`postgres://postgres@127.0.0.1:${cluster!.port}/postgres`);
    const { rows } = await pool.query<{ user: string; encoding: string; fsync: string; max: string }>(
      "select current_user as user, pg_encoding_to_char(encoding) as encoding, current_setting('fsync') as fsync, current_setting('max_connections') as max from pg_database where datname = current_database()",
    );
    expect(rows).toEqual([{ user: "postgres", encoding: "UTF8", fsync: "on", max: "200" }]);
  });

  it.skipIf(!HAS_POSTGRES)("gets every table of db/schema-pg.ts from the migrations", async () => {
    const expected = Object.values(schema)
      .filter((v) => is(v, PgTable))
      .map((t) => getTableName(t))
      .sort();
    expect(expected.length).toBeGreaterThan(10);
    const { rows } = await pool.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
    );
    expect(rows.map((r) => r.table_name)).toEqual(expected);
  });

  it.skipIf(!HAS_POSTGRES)("stores a unit with its defaults and gives Spanish text back byte for byte", async () => {
    const before = Date.now();
    const [inserted] = await db
      .insert(schema.units)
      .values({ code: "TUM-1", name: NAME, institution: "Ministerio Público", region: "PE-TUM", linkCode: "abcdefghjkmn" })
      .returning();
    const [read] = await db.select().from(schema.units).where(eq(schema.units.id, inserted!.id));
    expect(read).toEqual(inserted);
    expect(read).toMatchObject({ id: 1, name: NAME, institution: "Ministerio Público", expected: 0, active: true, isSample: false });
    expect(Buffer.from(read!.name, "utf8").equals(Buffer.from(NAME, "utf8"))).toBe(true);
    const { rows } = await pool.query<{ bytes: number }>("select octet_length(name) as bytes from units where id = $1", [read!.id]);
    expect(rows[0]!.bytes).toBe(Buffer.byteLength(NAME, "utf8"));
    // The SQLite default's format, in UTC (the session is in Lima, UTC-5), at the time of the insert.
    expect(read!.createdAt).toMatch(ISO_UTC);
    expect(read!.updatedAt).toBe(read!.createdAt);
    expect(Math.abs(Date.parse(read!.createdAt) - before)).toBeLessThan(60_000);
  });
});

it("has PostgreSQL in CI (.ci/run installs it); elsewhere says that it skipped the cluster tests", () => {
  if (!HAS_POSTGRES) console.warn("PostgreSQL not found (/usr/lib/postgresql/*/bin): the cluster tests were skipped (apt-get install postgresql)");
  if (process.env.CI) expect(postgresBinDir(), "CI must run the PostgreSQL tests: install Debian's postgresql package").not.toBeNull();
});
