// temporary probe: which statements fail with serialization errors on PostgreSQL (deleted after use)
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { postgresTransactions, runLoad, withServer } from "./harness";
import { submissionBodies } from "./submission-bodies";

const route = process.argv[2] ?? "/api/responses/";
const addresses = Number(process.argv[3] ?? 1000);
const bodies = submissionBodies();
let i = 0;
async function main() {
  await withServer(async (server, db) => {
    const pid = db.postgres!.pid!;
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    const log = path.join(path.dirname(argv[argv.indexOf("-D") + 1]!), "postgres.log");
    const request = () => {
      const n = i % Math.max(1, addresses);
      return { method: "PUT", path: `${route}${randomUUID()}`, body: bodies[i++ % bodies.length]!, ...(addresses ? { headers: { "x-forwarded-for": `10.0.${n >> 8}.${n & 255}` } } : {}) };
    };
    await runLoad(server.url, { name: "warm", request, connections: 20, duration: 3 });
    const before = await postgresTransactions(db.postgres!.url);
    const r = await runLoad(server.url, { name: "run", request, connections: 20, duration: 8 });
    const after = await postgresTransactions(db.postgres!.url);
    console.log(`${route} addresses=${addresses}: ${r.ok} ok, ${r.non2xx} non-2xx; committed ${after.committed - before.committed}, rolled back ${after.rolledBack - before.rolledBack}`);
    const lines = fs.readFileSync(log, "utf8").split("\n");
    const tally = new Map<string, number>();
    for (let k = 0; k < lines.length; k++) {
      const m = lines[k]!.match(/ERROR:\s+(.*)/);
      if (!m) continue;
      let detail = "";
      let stmt = "";
      for (let j = k + 1; j < Math.min(lines.length, k + 5); j++) {
        const d = lines[j]!.match(/DETAIL:\s+(.*)/); if (d && !detail) detail = d[1]!.slice(0, 90);
        const s = lines[j]!.match(/STATEMENT:\s+(.*)/); if (s && !stmt) stmt = s[1]!.slice(0, 110);
        if (/ERROR:/.test(lines[j]!)) break;
      }
      const key = `${m[1]} | ${detail} | ${stmt}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    for (const [k, v] of [...tally].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(String(v).padStart(6), k);
  }, { engine: "postgres" });
}
main().catch((e) => { console.error(e); process.exitCode = 1; });
