// Where a submission's server time goes. One server of the benchmark build runs under
// `node --cpu-prof` while autocannon sends the baseline PUT /api/bench/bare/{uuid} and the
// product's PUT /api/responses/{uuid} alternately, request by request (the bodies of
// bench/submissions.ts), so both routes are sampled under the same load from other programs.
// Each sample is charged to the route whose handler is on its stack, or to the work both share
// (Next's routing and streams, HTTP, GC); source files come from the build's source maps.
// Prints microseconds per request: each handler's time by source file and what the product's
// handler spends beyond the baseline's.
//
//   npx tsx bench/profile-submissions.ts [--duration 20] [--connections 20] [--top 20]
//
// Sampled time is wall time on the server's main thread: with other programs on the machine
// every figure grows, but both routes grow alike.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { SourceMap } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { numberOption, runLoad, withServer } from "./harness";
import { submissionBodies } from "./submission-bodies";

const duration = numberOption("duration", 20);
const connections = numberOption("connections", 20);
const top = numberOption("top", 20);
const ROOT = path.resolve(__dirname, "..");
const ROUTES = {
  baseline: { path: "/api/bench/bare/", handler: "app/api/bench/bare/[id]/route.bench.ts" },
  product: { path: "/api/responses/", handler: "app/api/responses/[id]/route.ts" },
} as const;
type Bucket = keyof typeof ROUTES | "shared";

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

const origins = new Map<string, string>();

/** A frame's origin: our source file, a package, a Node internal, or what V8 calls it. */
function origin(frame: CallFrame): string {
  const { url } = frame;
  if (!url) return frame.functionName ? `(${frame.functionName})` : "(native)";
  if (url.startsWith("node:")) return url;
  const key = `${url}:${frame.lineNumber}:${frame.columnNumber}`;
  let found = origins.get(key);
  if (found === undefined) {
    const entry = sourceMapOf(url)?.findEntry(frame.lineNumber, frame.columnNumber);
    const source = entry && "originalSource" in entry ? entry.originalSource : undefined;
    const where = decodeURIComponent(source ?? url).replace(/^file:\/\//, "");
    // A package bundled with its own source map loses its name: node_modules/src/… (survey-core's
    // conditions/, expressions/; drizzle's sql/…), kept as "a package's src/<folder>".
    const bare = /node_modules\/src\/([^/]+)/.exec(where);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
    const rel = where.replace(/^(\.\.\/|webpack:\/\/next\/\.\/)+/, "").replace(`${ROOT}/`, "");
    if (bare) found = `a package's src/${bare[1]}`;
    else if (pkg) found = pkg[1] === "next" ? `next (${path.basename(where)})` : pkg[1]!;
    else found = rel.startsWith("[") ? "(turbopack runtime)" : rel;
    origins.set(key, found);
  }
  return found;
}

/** Sampled milliseconds (not idle) of the window, per bucket and per leaf origin. */
function charge(profile: CpuProfile, seconds: number, endSlackMs: number): Record<Bucket, Map<string, number>> {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const bucketOf = new Map<number, Bucket>();
  const bucket = (id: number): Bucket => {
    let b = bucketOf.get(id);
    if (b === undefined) {
      const o = origin(byId.get(id)!.callFrame);
      const up = parent.get(id);
      b = o === ROUTES.baseline.handler ? "baseline" : o === ROUTES.product.handler ? "product" : up === undefined ? "shared" : bucket(up);
      bucketOf.set(id, b);
    }
    return b;
  };
  const out: Record<Bucket, Map<string, number>> = { baseline: new Map(), product: new Map(), shared: new Map() };
  const to = profile.endTime - endSlackMs * 1000;
  const from = to - seconds * 1e6;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (t < from || t > to) return;
    const leaf = byId.get(id)!.callFrame;
    if (leaf.functionName === "(idle)" || leaf.functionName === "(program)") return;
    const map = out[bucket(id)];
    const o = origin(leaf);
    map.set(o, (map.get(o) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return out;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);
const us = (ms: number, requests: number) => `${((ms / requests) * 1000).toFixed(0).padStart(6)} µs`;

function ranked(m: Map<string, number>, requests: number): string[] {
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([o, ms]) => `    ${us(ms, requests)}  ${o}`);
}

async function main(): Promise<void> {
  const bodies = submissionBodies();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-prof-"));
  let i = 0;
  const request = () => {
    const route = i % 2 === 0 ? ROUTES.baseline : ROUTES.product;
    return { method: "PUT", path: `${route.path}${randomUUID()}`, body: bodies[i++ % bodies.length]! };
  };
  let requests = 0;
  let slackMs = 0;
  await withServer(
    async (server) => {
      await runLoad(server.url, { name: "warm-up", request, connections, duration: 3 });
      const result = await runLoad(server.url, { name: "mixed", request, connections, duration });
      if (result.non2xx || result.errors) throw new Error(`some requests failed: ${JSON.stringify(result.statusCodes)}`);
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
  const buckets = charge(profile, duration, slackMs + 100);
  // Requests alternate, so each route served half of them (± the connections in flight).
  const half = requests / 2;
  const extra = new Map<string, number>();
  for (const o of new Set([...buckets.baseline.keys(), ...buckets.product.keys()])) {
    extra.set(o, (buckets.product.get(o) ?? 0) - (buckets.baseline.get(o) ?? 0));
  }
  console.log(
    [
      `${requests} requests in ${duration} s, half to each route; sampled main-thread time per request:`,
      `  shared (Next, HTTP, GC; both routes alike): ${us(sum(buckets.shared), requests)}`,
      `  baseline handler:                           ${us(sum(buckets.baseline), half)}`,
      `  product handler:                            ${us(sum(buckets.product), half)}`,
      "",
      "baseline handler, self time by origin:",
      ...ranked(buckets.baseline, half),
      "",
      "product handler, self time by origin:",
      ...ranked(buckets.product, half),
      "",
      "product handler minus baseline handler, by origin:",
      ...ranked(extra, half),
      "",
      "shared, self time by origin:",
      ...ranked(buckets.shared, requests),
    ].join("\n"),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
