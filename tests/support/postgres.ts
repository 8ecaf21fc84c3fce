// Starts a throwaway PostgreSQL cluster (initdb + pg_ctl) on 127.0.0.1 for the tests and benchmarks of
// the PostgreSQL engine: a temp data directory, a free port, fsync on (durability as in production),
// removed on stop. PostgreSQL refuses to run as root, so as root the cluster belongs to the
// `postgres` system user (Debian's postgresql package creates it; .ci/run installs that package).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { freePort } from "./server";

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication: no password). */
  url: string;
  port: number;
  /** CREATE DATABASE (a random name unless given); returns its URL. */
  createDatabase: (name?: string) => Promise<string>;
  /** pg_ctl stop -m fast (open connections are cut), then the directory is removed. */
  stop: () => Promise<void>;
}

/** The newest /usr/lib/postgresql/<major>/bin holding initdb and pg_ctl (Debian's layout); null if none. */
export function postgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  let majors: string[];
  try {
    majors = fs.readdirSync(root);
  } catch {
    return null;
  }
  const dirs = majors
    .filter((m) => /^\d+$/.test(m))
    .sort((a, b) => Number(b) - Number(a))
    .map((m) => path.join(root, m, "bin"))
    .filter((bin) => ["initdb", "pg_ctl", "postgres"].every((exe) => fs.existsSync(path.join(bin, exe))));
  return dirs[0] ?? null;
}

export const HAS_POSTGRES = postgresBinDir() !== null;

/** How commands run as the cluster's owner: directly, or as `postgres` when this process is root. */
interface Owner {
  uid: number;
  gid: number;
  /** [program, args] that run `exe args` as the owner. */
  wrap: (exe: string, args: string[]) => [string, string[]];
}

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

function findExecutable(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/sbin", "/usr/bin", "/bin"];
  for (const dir of dirs) {
    const file = path.join(dir, name);
    if (dir && fs.existsSync(file)) return file;
  }
  return null;
}

function clusterOwner(): Owner {
  if (process.getuid?.() !== 0) return { uid: -1, gid: -1, wrap: (exe, args) => [exe, args] };
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  } catch {
    throw new Error("running as root, and there is no `postgres` user to own the test cluster (PostgreSQL refuses to run as root)");
  }
  const runuser = findExecutable("runuser");
  if (runuser) return { uid, gid, wrap: (exe, args) => [runuser, ["-u", "postgres", "--", exe, ...args]] };
  const su = findExecutable("su");
  if (su) return { uid, gid, wrap: (exe, args) => [su, ["postgres", "-s", "/bin/sh", "-c", [exe, ...args].map(shellQuote).join(" ")]] };
  throw new Error("running as root, and neither runuser nor su is available to run PostgreSQL as `postgres`");
}

/** Runs a command as the cluster's owner in `cwd` (the owner may not be allowed into this process's cwd). */
function run(owner: Owner, exe: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  const [program, argv] = owner.wrap(exe, args);
  return new Promise((resolve, reject) => {
    const child = spawn(program, argv, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** Clusters still running, stopped synchronously if the process exits without stop() (a crashed test). */
const running = new Set<() => void>();
process.once("exit", () => {
  for (const stopNow of running) stopNow();
});

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed: no /usr/lib/postgresql/*/bin (apt-get install postgresql)");
  const owner = clusterOwner();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-pg-"));
  if (owner.uid >= 0) fs.chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  const pgCtl = path.join(bin, "pg_ctl");
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });

  try {
    // --no-sync: the initial files of a throwaway cluster need no fsync; the running server has fsync on.
    const initdb = (locale: string) =>
      run(owner, path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--encoding=UTF8", `--locale=${locale}`, "--no-sync"], dir);
    const init = await initdb("C.UTF-8");
    if (init.code !== 0) {
      // Systems without the C.UTF-8 locale: C sorts the same (by byte) and accepts UTF-8 too.
      fs.rmSync(data, { recursive: true, force: true });
      const fallback = await initdb("C");
      if (fallback.code !== 0) throw new Error(`initdb failed:\n${init.output}\n${fallback.output}`);
    }

    // The port is free when chosen but another process may take it first: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const options = `-h 127.0.0.1 -p ${port} -k ${shellQuote(dir)} -c fsync=on -c max_connections=200`;
      const start = await run(owner, pgCtl, ["-D", data, "-o", options, "-l", logFile, "-w", "-t", "60", "start"], dir);
      if (start.code === 0) return cluster(port);
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
      if (attempt >= 3 || !/could not (bind|create listen socket)|address already in use/i.test(log)) {
        throw new Error(`pg_ctl start failed:\n${start.output}\n${log}`);
      }
    }
  } catch (err) {
    await run(owner, pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"], dir).catch(() => undefined);
    removeDir();
    throw err;
  }

  function cluster(port: number): TestPostgres {
    const base = `postgres://postgres@127.0.0.1:${port}`;
    const stopNow = () => {
      const [program, argv] = owner.wrap(pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"]);
      spawnSync(program, argv, { cwd: dir, stdio: "ignore" });
      removeDir();
    };
    running.add(stopNow);
    let stopped: Promise<void> | undefined;
    return {
      url: `${base}/postgres`,
      port,
      createDatabase: (name?: string) => createDatabaseAt(`${base}/postgres`, name),
      stop: () => {
        stopped ??= (async () => {
          running.delete(stopNow);
          const result = await run(owner, pgCtl, ["-D", data, "-m", "fast", "-w", "stop"], dir);
          removeDir();
          if (result.code !== 0) throw new Error(`pg_ctl stop failed:\n${result.output}`);
        })();
        return stopped;
      },
    };
  }
}

/** CREATE DATABASE (a random name unless given) on the cluster at `clusterUrl` (any of its databases); returns its URL. */
export async function createDatabaseAt(clusterUrl: string, name = `sondeo_${randomBytes(6).toString("hex")}`): Promise<string> {
  const client = new Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
