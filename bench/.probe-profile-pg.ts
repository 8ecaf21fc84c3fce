// temporary probe: CPU profile of the app server on PostgreSQL (deleted after use)
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runLoad, withServer } from "./harness";
import { submissionBodies } from "./submission-bodies";

const engine = (process.argv[2] ?? "postgres") as "postgres" | "sqlite";
const route = process.argv[3] ?? "/api/bench/bare/";
const bodies = submissionBodies();
let i = 0;
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-prof-"));
  let ok = 0;
  let slack = 0;
  await withServer(async (server) => {
    const request = () => ({ method: "PUT", path: `${route}${randomUUID()}`, body: bodies[i++ % bodies.length]! });
    await runLoad(server.url, { name: "warm", request, connections: 20, duration: 3 });
    const r = await runLoad(server.url, { name: "run", request, connections: 20, duration: 10, serverPid: server.process.pid });
    console.log(r);
    ok = r.ok;
    const t = Date.now();
    await server.stop();
    slack = Date.now() - t;
  }, { engine, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
  const profiles = fs.readdirSync(dir).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; endTime: number });
  const p = profiles.sort((a, b) => b.samples.length - a.samples.length)[0]!;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  const at: number[] = [];
  let tt = 0;
  for (const d of p.timeDeltas) at.push((tt += d));
  const end = at.at(-1)! - (slack + 100) * 1000;
  const begin = end - 10_000_000;
  p.samples.forEach((id, k) => {
    if (at[k]! < begin || at[k]! > end) return;
    const n = byId.get(id)!;
    const dt = (p.timeDeltas[k] ?? 0) / 1000;
    const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.replace(/.*\/(node_modules|\.next-bench)\//, "$1/")}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const f = n.callFrame.url.replace(/.*\/node_modules\/((@[^/]+\/)?[^/]+).*/, "$1").replace(/.*\.next-bench\//, ".next-bench/") || n.callFrame.functionName;
    byFile.set(f, (byFile.get(f) ?? 0) + dt);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`${ok} requests, sampled ${total.toFixed(0)} ms → ${(total / ok).toFixed(2)} ms/request`);
  console.log("by file/package:");
  for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(v / ok * 1000).toFixed(0).padStart(7)} µs/req  ${k}`);
  console.log("top functions (self):");
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(v / ok * 1000).toFixed(0).padStart(7)} µs/req  ${k}`);
  fs.rmSync(dir, { recursive: true, force: true });
}
main().catch((e) => { console.error(e); process.exitCode = 1; });
