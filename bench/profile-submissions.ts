// Where a submission's server time goes: runs the benchmark build under `node --cpu-prof`, loads
// one route at a time (the baseline PUT /api/bench/bare/{uuid}, then PUT /api/responses/{uuid},
// the same bodies as bench/submissions.ts), and prints CPU milliseconds per request by source
// file (through the build's source maps), self and inclusive, for the steady part of each run.
//
//   npx tsx bench/profile-submissions.ts [--duration 15] [--connections 20] [--top 25]
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { SourceMap } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { submissionBodies } from "./submission-bodies";
import { numberOption, runLoad, withServer } from "./harness";

const duration = numberOption("duration", 15);
const connections = numberOption("connections", 20);
const top = numberOption("top", 25);
const ROOT = path.resolve(__dirname, "..");

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, SourceMap | null>();

function sourceMapOf(url: string): SourceMap | null {
  if (!maps.has(url)) {
    let map: SourceMap | null = null;
    try {
      const file = url.startsWith("file:") ? fileURLToPath(url) : url;
      if (fs.existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, "utf8")));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url) ?? null;
}

/** A frame's origin: our source file, a package, a Node internal, or what V8 calls it. */
function origin(frame: CallFrame): string {
  const { url } = frame;
  if (!url) return frame.functionName ? `(${frame.functionName})` : "(native)";
  if (url.startsWith("node:")) return url;
  const entry = sourceMapOf(url)?.findEntry(frame.lineNumber, frame.columnNumber);
  const source = entry && "originalSource" in entry ? entry.originalSource : undefined;
  const where = decodeURIComponent(source ?? url).replace(/^file:\/\//, "");
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
  if (pkg) {
    if (pkg[1] === "next") return `next (${path.basename(where)})`;
    return pkg[1]!;
  }
  const rel = where.replace(/^(\.\.\/)+/, "").replace(`${ROOT}/`, "");
  return rel.startsWith("[") ? "(turbopack runtime)" : rel;
}

interface Breakdown {
  samplesMs: number;
  self: Map<string, number>;
  inclusive: Map<string, number>;
}

/** CPU time of the last `seconds` before `endSlackMs` from the end, by origin. */
function breakdown(profile: CpuProfile, seconds: number, endSlackMs: number): Breakdown {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const to = profile.endTime - endSlackMs * 1000;
  const from = to - seconds * 1e6;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let t = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    t += profile.timeDeltas[i] ?? 0;
    if (t < from || t > to) return;
    const ms = dt / 1000;
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === "(idle)" || leaf.callFrame.functionName === "(program)") return;
    total += ms;
    const leafOrigin = origin(leaf.callFrame);
    self.set(leafOrigin, (self.get(leafOrigin) ?? 0) + ms);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) seen.add(origin(byId.get(n)!.callFrame));
    for (const o of seen) inclusive.set(o, (inclusive.get(o) ?? 0) + ms);
  });
  return { samplesMs: total, self, inclusive };
}

const perRequest = (ms: number, requests: number) => ((ms / requests) * 1000).toFixed(0).padStart(7);

function ranked(m: Map<string, number>, requests: number, total: number): string[] {
  return [...m.entries()]
    .sort((a, c) => c[1] - a[1])
    .slice(0, top)
    .map(([o, ms]) => `    ${perRequest(ms, requests)} µs  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${o}`);
}

interface RouteProfile {
  title: string;
  requests: number;
  breakdown: Breakdown;
}

function table({ title, requests, breakdown: b }: RouteProfile): string {
  return [
    `${title}: ${requests} requests, ${perRequest(b.samplesMs, requests).trim()} µs of main-thread time (not idle) per request`,
    "  self time by origin:",
    ...ranked(b.self, requests, b.samplesMs),
    "  inclusive time of our own source files (a frame of it anywhere on the stack):",
    ...ranked(new Map([...b.inclusive].filter(([o]) => /^(app|lib|db|surveys)\//.test(o))), requests, b.samplesMs),
  ].join("\n");
}

/** Per request, what the product spends beyond the baseline, by origin (self time). */
function difference(base: RouteProfile, real: RouteProfile): string {
  const origins = new Set([...base.breakdown.self.keys(), ...real.breakdown.self.keys()]);
  const per = (p: RouteProfile, o: string) => ((p.breakdown.self.get(o) ?? 0) / p.requests) * 1000;
  const rows = [...origins].map((o) => [o, per(real, o) - per(base, o)] as const).sort((a, b) => b[1] - a[1]);
  const total = (real.breakdown.samplesMs / real.requests - base.breakdown.samplesMs / base.requests) * 1000;
  return [
    `PUT /api/responses minus the baseline: ${total.toFixed(0)} µs per request; self time by origin, largest differences:`,
    ...rows.slice(0, top).map(([o, us]) => `    ${us.toFixed(0).padStart(7)} µs  ${o}`),
  ].join("\n");
}

async function profileRoute(kind: "bare" | "real", bodies: string[]): Promise<RouteProfile> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-prof-"));
  let i = 0;
  const request = () => ({
    method: "PUT",
    path: kind === "bare" ? `/api/bench/bare/${randomUUID()}` : `/api/responses/${randomUUID()}`,
    body: bodies[i++ % bodies.length]!,
  });
  let requests = 0;
  let slackMs = 0;
  await withServer(
    async (server) => {
      await runLoad(server.url, { name: "warm-up", request, connections, duration: 3 });
      const result = await runLoad(server.url, { name: kind, request, connections, duration });
      requests = result.ok;
      const stopAt = Date.now();
      await server.stop();
      slackMs = Date.now() - stopAt;
    },
    { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] },
  );
  // The server process is the one that sampled the most.
  const profiles = fs.readdirSync(dir).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as CpuProfile);
  fs.rmSync(dir, { recursive: true, force: true });
  const profile = profiles.sort((a, b) => b.samples.length - a.samples.length)[0];
  if (!profile) throw new Error("no CPU profile was written");
  return {
    title: kind === "bare" ? "PUT /api/bench/bare (baseline)" : "PUT /api/responses",
    requests,
    breakdown: breakdown(profile, duration, slackMs + 100),
  };
}

async function main(): Promise<void> {
  const bodies = submissionBodies();
  const base = await profileRoute("bare", bodies);
  const real = await profileRoute("real", bodies);
  console.log(`\n${table(base)}\n\n${table(real)}\n\n${difference(base, real)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
