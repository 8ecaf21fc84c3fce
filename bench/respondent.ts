// npx tsx bench/respondent.ts [--slug dnc-tim] [--runs 3] [--no-throttle] [--help]
// A respondent's first visit to the fill page on a slow phone connection, against the minimal
// SurveyJS page of the same survey, in the same run and the same Chromium: first-visit bytes on
// the wire, time to the first paint and to the first usable question, under DevTools' "Slow 3G"
// (2 s latency, 400 kbit/s each way) and a 4× slower CPU. Ours is the built app (next start,
// throwaway database); the baseline is bench/minimal-fill (React + survey-core + survey-react-ui
// alone) served as static files compressed as ours are — its script and stylesheet Brotli at
// quality 11 to a browser that accepts br, everything else gzip at level 6 — so that the
// comparison is of the pages, not of the compression. Then ours reopened without a connection.
//
// Bytes are counted by a TCP relay in front of each server (everything the browser received:
// headers, bodies, the service worker and whatever it fetched), until nothing has moved for 3 s.
// "Usable" means the first question with an input has it on the page and every
// stylesheet of the page has loaded. Figures, not a test; medians of interleaved runs.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildIfNeeded } from "../scripts/build-if-needed";
import { launchBrowser, newPhoneContext } from "../tests/support/browser";
import { freePort, startServer } from "../tests/support/server";
import { buildMinimalFill } from "./minimal-fill/build";

const ROOT = path.resolve(__dirname, "..");
const WORK = path.join(ROOT, "bench", ".work", "respondent-minimal");
const TARGET_TIME = 1.05;
/** Chrome DevTools' "Slow 3G" preset (and Playwright's/Puppeteer's of the same name). */
const SLOW_3G = { offline: false, latency: 400 * 5, downloadThroughput: ((500 * 1000) / 8) * 0.8, uploadThroughput: ((500 * 1000) / 8) * 0.8 };
const CPU_SLOWDOWN = 4;
const QUIET_MS = 3000;

const { values } = parseArgs({
  options: {
    slug: { type: "string", default: "dnc-tim" },
    runs: { type: "string", default: "3" },
    "no-throttle": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  // This file's opening comment is its manual.
  const head = fs.readFileSync(__filename, "utf8").split("\n");
  console.log(
    head
      .slice(
        0,
        head.findIndex((l) => !l.startsWith("//")),
      )
      .map((l) => l.replace(/^\/\/ ?/, ""))
      .join("\n"),
  );
  process.exit(0);
}
const RUNS = Math.max(1, Number(values.runs));
const THROTTLE = !values["no-throttle"];

/** A TCP relay that counts the bytes sent to the browser. */
interface Relay {
  port: number;
  received: () => number;
  lastActivity: () => number;
  reset: () => void;
  close: () => Promise<void>;
}

async function relay(targetPort: number): Promise<Relay> {
  let bytes = 0;
  let last = Date.now();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    sockets.add(client).add(upstream);
    upstream.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      last = Date.now();
    });
    client.on("data", () => (last = Date.now()));
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    received: () => bytes,
    lastActivity: () => last,
    reset: () => {
      bytes = 0;
      last = Date.now();
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/** The baseline's files, compressed as the app compresses its own (see the header). */
async function staticServer(dir: string): Promise<{ port: number; close: () => Promise<void> }> {
  const brotli = new Map<string, Buffer>();
  const brotliOf = (file: string, body: Buffer): Buffer => {
    let out = brotli.get(file);
    if (!out) {
      const params = {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      };
      out = zlib.brotliCompressSync(body, { params });
      brotli.set(file, out);
    }
    return out;
  };
  const server = http.createServer((req, res) => {
    const name = new URL(req.url ?? "/", "http://x").pathname.replace(/^\/+/, "") || "index.html";
    const file = path.join(dir, path.basename(name));
    if (!fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const body = fs.readFileSync(file);
    const accepts = String(req.headers["accept-encoding"] ?? "");
    const encoding = /\bbr\b/.test(accepts) && !file.endsWith(".html") ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : undefined;
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
      ...(encoding ? { "content-encoding": encoding, vary: "accept-encoding" } : {}),
    });
    res.end(encoding === "br" ? brotliOf(file, body) : encoding === "gzip" ? zlib.gzipSync(body, { level: 6 }) : body);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Visit {
  /** First contentful paint, ms from navigation start. */
  paint: number;
  /** The first question usable, ms from navigation start. */
  usable: number;
  /** Bytes the browser received until the network was quiet. */
  bytes: number;
}

/**
 * Watches for the first usable question from the first script the page runs. A string, not a
 * function: tsx would wrap a function's inner functions in a helper the page does not have.
 */
const USABLE_DETECTOR = `(() => {
  const check = () => {
    const input = document.querySelector(".sd-question :is(input, textarea, select, [role=radio], [role=combobox], [role=checkbox])");
    const question = input && input.closest(".sd-question");
    const styled = [...document.querySelectorAll("link[rel=stylesheet]")].every((l) => l.sheet !== null);
    if (question && styled && question.getBoundingClientRect().height > 0) window.__usableAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

async function throttle(context: BrowserContext, page: Page): Promise<void> {
  if (!THROTTLE) return;
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", SLOW_3G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
}

async function waitQuiet(r: Relay): Promise<void> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (Date.now() - r.lastActivity() >= QUIET_MS) return;
  }
}

async function timings(page: Page): Promise<{ paint: number; usable: number }> {
  await page.waitForFunction(() => (window as unknown as { __usableAt?: number }).__usableAt !== undefined, undefined, { timeout: 180_000 });
  // The paint entry is written after the frame that painted, which may be the one we stopped at.
  await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, undefined, { timeout: 10_000 }).catch(() => {});
  return page.evaluate(() => ({
    paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
    usable: (window as unknown as { __usableAt: number }).__usableAt,
  }));
}

/** One first visit in a fresh phone context (empty cache); returns the context for a reopen. */
async function firstVisit(browser: Browser, r: Relay, url: string): Promise<{ visit: Visit; context: BrowserContext }> {
  const context = await newPhoneContext(browser);
  await context.addInitScript(USABLE_DETECTOR);
  const page = await context.newPage();
  await throttle(context, page);
  r.reset();
  await page.goto(url, { waitUntil: "commit", timeout: 180_000 });
  const t = await timings(page);
  await waitQuiet(r);
  await page.close();
  return { visit: { ...t, bytes: r.received() }, context };
}

/** The same link opened again in the same context with no connection at all. */
async function offlineReopen(context: BrowserContext, url: string): Promise<number | null> {
  await context.setOffline(true);
  const page = await context.newPage();
  await throttle(context, page);
  try {
    await page.goto(url, { waitUntil: "commit", timeout: 30_000 });
    return (await timings(page)).usable;
  } catch {
    return null;
  } finally {
    await page.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const secs = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : "–");
const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB (${b} B)`;

async function main(): Promise<void> {
  buildIfNeeded();
  await buildMinimalFill(WORK);
  const app = await startServer();
  const minimal = await staticServer(WORK);
  const ours = await relay(app.port);
  const base = await relay(minimal.port);
  const browser = await launchBrowser();
  const results: { ours: Visit[]; base: Visit[]; offline: (number | null)[] } = { ours: [], base: [], offline: [] };
  try {
    const oursUrl = `http://127.0.0.1:${ours.port}/s/${values.slug}`;
    const baseUrl = `http://127.0.0.1:${base.port}/index.html`;
    for (let i = 0; i < RUNS; i++) {
      const a = await firstVisit(browser, ours, oursUrl);
      results.ours.push(a.visit);
      results.offline.push(await offlineReopen(a.context, oursUrl));
      await a.context.close();
      const b = await firstVisit(browser, base, baseUrl);
      results.base.push(b.visit);
      await b.context.close();
      console.log(
        `run ${i + 1}: ours usable ${secs(a.visit.usable)}, ${a.visit.bytes} B; minimal usable ${secs(b.visit.usable)}, ${b.visit.bytes} B`,
      );
    }
  } finally {
    await browser.close();
    await Promise.all([ours.close(), base.close(), minimal.close()]);
    await app.stop();
  }
  const m = (xs: Visit[], k: keyof Visit) => median(xs.map((v) => v[k]));
  const conditions = THROTTLE
    ? `Slow 3G (latency ${SLOW_3G.latency} ms, ${(SLOW_3G.downloadThroughput * 8) / 1000} kbit/s) + ${CPU_SLOWDOWN}× CPU`
    : "no throttling";
  console.log(`\nFirst visit, 390×844 phone, ${conditions}; medians of ${RUNS} interleaved runs`);
  console.log(`  ${"page".padEnd(34)}${"bytes on the wire".padStart(24)}${"first paint".padStart(13)}${"first usable question".padStart(23)}`);
  for (const [label, xs] of [
    [`ours: /s/${values.slug}`, results.ours],
    ["minimal SurveyJS page", results.base],
  ] as const) {
    console.log(`  ${label.padEnd(34)}${kib(m(xs, "bytes")).padStart(24)}${secs(m(xs, "paint")).padStart(13)}${secs(m(xs, "usable")).padStart(23)}`);
  }
  const ratio = m(results.ours, "usable") / m(results.base, "usable");
  console.log(
    `\ntime to the first usable question: ${ratio.toFixed(3)}× the minimal page (target ≤ ${TARGET_TIME}×) ${ratio <= TARGET_TIME ? "OK" : "OVER"}`,
  );
  console.log(`first-visit bytes: ${(m(results.ours, "bytes") / m(results.base, "bytes")).toFixed(3)}× the minimal page`);
  const reopened = results.offline.filter((t): t is number => t !== null);
  console.log(
    reopened.length === results.offline.length
      ? `reopened without a connection: first usable question after ${secs(median(reopened))} (every run)`
      : `reopened without a connection: the form came up in ${reopened.length} of ${results.offline.length} runs`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
