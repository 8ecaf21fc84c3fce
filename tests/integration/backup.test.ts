// SQLite only: `npm run backup` is SQLite's online backup (PostgreSQL's is pg_dump,
// docs/deployment.md); vitest.config.mts leaves it out of the integration-pg run.
// `npm run backup` under respondent load: the copy is consistent, holds every completion
// acknowledged before it started, matches the live rows, and a server started on it serves them.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runRespondentLoad } from "../support/respondent-load";
import { startServer, type TestServer } from "../support/server";

const ROOT = path.resolve(__dirname, "../..");
let server: TestServer;
let restored: TestServer | undefined;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await restored?.stop();
  await server?.stop();
});

it("takes a consistent online backup while respondents keep answering", async () => {
  const before = await runRespondentLoad({ url: server.url, unit: null, respondents: 5, seconds: 20, maxCompletions: 10 });
  expect(before.acknowledged.size).toBeGreaterThanOrEqual(10);
  const during = runRespondentLoad({ url: server.url, unit: null, respondents: 10, seconds: 8 });
  await new Promise((r) => setTimeout(r, 1500));
  const backupFile = path.join(server.dir, "copia.db");
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/backup.ts", backupFile],
    { cwd: ROOT, env: { ...process.env, SONDEO_DB: server.db } },
  );
  expect(stdout).toMatch(/integrity ok/);
  const load = await during;
  expect(load.errors).toBe(0);

  const copy = new Database(backupFile, { readonly: true });
  const live = new Database(server.db, { readonly: true });
  try {
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const inCopy = copy.prepare("select id, status, data from responses where status = 'complete'").all() as { id: string; data: string }[];
    const ids = new Set(inCopy.map((r) => r.id));
    for (const id of before.acknowledged) expect(ids.has(id), `completion ${id} missing from the backup`).toBe(true);
    const liveRow = live.prepare("select data from responses where id = ?");
    for (const row of inCopy) expect((liveRow.get(row.id) as { data: string }).data).toBe(row.data);
    const ratings = copy.prepare("select count(*) as n from need_ratings where response_id = ?");
    for (const row of inCopy) expect((ratings.get(row.id) as { n: number }).n).toBe(18);
  } finally {
    copy.close();
    live.close();
  }

  // Restoring = serving from the copy.
  restored = await startServer({ dbFile: backupFile });
  const first = [...before.acknowledged][0]!;
  const res = await fetch(`${restored.url}/api/responses/${first}`);
  expect(res.status).toBe(200);
  expect((await res.json()).status).toBe("complete");
}, 180_000);
