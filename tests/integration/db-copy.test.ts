// The move-over (npm run db:copy): a SQLite database with demo responses, coordinators, sessions and
// audit entries is copied into an empty PostgreSQL database; the app started on the copy shows the
// same dashboard, coverage and accounts, and a second copy into the now non-empty database is
// refused without touching it. Only on the PostgreSQL run (it needs the run's cluster).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, openDb, tablesOf } from "@/db/client";
import { transaction } from "@/db/dialect";
import { digestTable, tablesInCopyOrder } from "@/db/copy";
import { ADMIN_EMAIL, ANALYST_EMAIL, call, createUser, signIn } from "../support/coordinators";
import { newTestDatabase, ON_POSTGRES } from "../support/engine";
import { startServer, type TestServer } from "../support/server";

const ROOT = path.resolve(__dirname, "../..");
const sqliteFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-copy-")), "sondeo.db");
let target: string;
let server: TestServer | undefined;

function npm(script: string, args: string[], env: Record<string, string>) {
  const run = spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    cwd: ROOT,
    env: { ...process.env, SONDEO_DATABASE_URL: "", ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

/** What a coordinator reads: the ranking by institution, the coverage, the users list. */
async function views(s: TestServer): Promise<unknown[]> {
  const analyst = await signIn(s.url, ANALYST_EMAIL);
  const admin = await signIn(s.url, ADMIN_EMAIL);
  const read = async (p: string, cookie: string) => {
    const res = await call(s.url, p, { cookie });
    expect(res.status, p).toBe(200);
    return res.json();
  };
  const users = (await read("/api/admin/users", admin)) as { users: { email: string; role: string; lastLoginAt?: unknown }[] };
  return [
    await read("/api/surveys/dnc-tim/needs?by=institucion", analyst),
    await read("/api/surveys/dnc-tim/needs", analyst),
    await read("/api/admin/surveys/dnc-tim/coverage", analyst),
    users.users.map((u) => [u.email, u.role]),
  ];
}

describe.skipIf(!ON_POSTGRES)("npm run db:copy", () => {
  let before: unknown[];

  beforeAll(async () => {
    // A SQLite database as a real one gets it: served, with coordinators and demo responses.
    server = await startServer({ dbFile: sqliteFile });
    await createUser(sqliteFile, ADMIN_EMAIL, "admin");
    await createUser(sqliteFile, ANALYST_EMAIL, "analyst");
    const demo = npm("demo", ["--n", "80", "--seed", "7"], { SONDEO_DB: sqliteFile });
    expect(demo.status, demo.out).toBe(0);
    before = await views(server);
    // Figures to compare, not only suppression notices: the national ranking is published.
    expect(JSON.stringify(before[1])).toMatch(/"mwds":-?\d/);
    await server.stop();
    server = undefined;
    target = await newTestDatabase();
  });
  afterAll(async () => server?.stop());

  it("copies every table in one go and verifies each, then the app on PostgreSQL shows the same figures", async () => {
    const copy = npm("db:copy", ["--to", target, "--from", sqliteFile], {});
    expect(copy.status, copy.out).toBe(0);
    expect(copy.out).toMatch(/Copied and verified \d+ tables/);
    // Every table holds the same rows (count and content hash) on both engines.
    const source = await openDb(sqliteFile, { seedSample: false });
    const copied = await openDb(target, { seedSample: false });
    try {
      for (const table of tablesInCopyOrder()) expect(await digestTable(copied, table), table).toEqual(await digestTable(source, table));
      expect((await digestTable(copied, "responses")).rows).toBeGreaterThanOrEqual(80);
      // The hash sees one changed character (what the copy's verification relies on).
      const { units } = tablesOf(copied);
      const [unit] = await copied.select().from(units).limit(1);
      await transaction(copied, (tx) =>
        tx
          .update(units)
          .set({ name: `${unit!.name}.` })
          .where(eq(units.id, unit!.id)),
      );
      expect((await digestTable(copied, "units")).sha256).not.toBe((await digestTable(source, "units")).sha256);
      await transaction(copied, (tx) => tx.update(units).set({ name: unit!.name }).where(eq(units.id, unit!.id)));
      expect(await digestTable(copied, "units")).toEqual(await digestTable(source, "units"));
    } finally {
      await closeDb(source);
      await closeDb(copied);
    }
    server = await startServer({ db: target });
    // Signing in again adds sessions on both sides equally; the figures must not move.
    expect(await views(server)).toEqual(before);
  });

  it("refuses a target that already holds data, and leaves it as it was", async () => {
    const db = await openDb(target, { seedSample: false });
    const responsesBefore = await digestTable(db, "responses");
    const again = npm("db:copy", ["--to", target, "--from", sqliteFile], {});
    expect(again.status).toBe(1);
    expect(again.out).toMatch(/not empty/);
    expect(await digestTable(db, "responses")).toEqual(responsesBefore);
    await closeDb(db);
  });

  it("refuses a target that is not PostgreSQL", () => {
    const wrong = npm("db:copy", ["--to", path.join(os.tmpdir(), "x.db"), "--from", sqliteFile], {});
    expect(wrong.status).toBe(1);
    expect(wrong.out).toMatch(/--to must be a postgres:\/\/ URL/);
  });
});
