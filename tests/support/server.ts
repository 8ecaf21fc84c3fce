// Starts the built app (next start) on 127.0.0.1 with a throwaway database of the run's engine (a
// SQLite file, or a new database on the run's PostgreSQL cluster: tests/support/engine.ts), for real
// HTTP tests.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import { databaseEnv, newTestDatabase } from "./engine";

const ROOT = path.resolve(__dirname, "../..");

export interface TestServer {
  url: string;
  port: number;
  /** The server's database: what openDb takes (a SQLite file or a postgres:// URL). */
  db: string;
  /** The SQLite file, for tests about SQLite itself; throws on a PostgreSQL run. */
  readonly dbFile: string;
  dir: string;
  process: ChildProcess;
  /** Everything the server printed, for assertions and debugging. */
  output: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Reuse an existing database file (e.g. after a crash); default: a new temp file. */
  dbFile?: string;
  /** Reuse an existing database of either engine (a SQLite file or a postgres:// URL). */
  db?: string;
  /** Options for the server's node process (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
  /** Listen on this port (e.g. the same origin again after a stop); default: a free one. */
  port?: number;
}

/**
 * Idle keep-alive sockets stay open this long on the server. Node's default (5 s) races the
 * client: a test that blocks its event loop for a few seconds (a synchronous LibreOffice run)
 * keeps a pooled socket the server has already closed, and its next fetch fails with "other side
 * closed". The same value as `npm start` uses (scripts/start.ts), longer than any proxy's idle timeout.
 */
const KEEP_ALIVE_MS = 65_000;

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-test-"));
  const db = options.db ?? options.dbFile ?? (await newTestDatabase(dir));
  const port = options.port ?? (await freePort());
  let log = "";
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      path.join(ROOT, "node_modules/next/dist/bin/next"),
      "start",
      "-H",
      "127.0.0.1",
      "-p",
      String(port),
      "--keepAliveTimeout",
      String(KEEP_ALIVE_MS),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        SONDEO_DB: path.join(dir, "unused.db"),
        ...databaseEnv(db),
        // Load tests send everything from 127.0.0.1; the rate-limit test sets its own value.
        SONDEO_RATE_LIMIT_PER_MINUTE: "1000000",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy in 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    db,
    get dbFile() {
      if (db.startsWith("postgres")) throw new Error("this test reads the SQLite file itself; on PostgreSQL use server.db");
      return db;
    },
    dir,
    process: child,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
    },
  };
}
