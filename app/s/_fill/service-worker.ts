// The respondent pages' service worker (served at /s/sw.js, scope /s/): a fill link opened once
// opens again without a connection. It keeps the fill page's scripts and stylesheets (hashed,
// immutable) and, per link, the copy of the page the page itself hands over once its form is up
// (offline-copy.ts) — so the first visit costs no extra download. Navigations to a fill page go
// to the network first and fall back to that copy only when the network fails or hangs; the
// answers themselves never pass through here (localStorage and the save queue keep and send them).
//
// The copy is served with a fresh nonce in both its script tag and its Content-Security-Policy
// header (the template comes from the server, as for every page), and marked data-offline-copy,
// so the page knows to check the survey's version and status once it is back online.
import { OFFLINE_ATTRIBUTE, NONCE_PLACEHOLDER, pageKey, type WorkerConfig, type WorkerMessage } from "./offline-protocol";

interface SwExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface SwFetchEvent extends SwExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface SwMessageEvent extends SwExtendableEvent {
  readonly data: unknown;
  readonly ports: readonly MessagePort[];
}
interface SwScope {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: "install" | "activate", listener: (e: SwExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (e: SwFetchEvent) => void): void;
  addEventListener(type: "message", listener: (e: SwMessageEvent) => void): void;
}

const scope = self as unknown as SwScope & { __SONDEO_SW__: WorkerConfig };
const config = scope.__SONDEO_SW__;
const ASSETS = "sondeo-assets";
const PAGES = "sondeo-pages";
const SAVED_AT = "x-sondeo-saved-at";
/** A fill page's address: /s/<slug>, nothing below it (the thank-you page, this script). */
const FILL_PATH = /^\/s\/[a-z0-9][a-z0-9-]{0,62}$/;
/** On a connection that hangs (a border post's one bar), the copy after this long. */
const NETWORK_PATIENCE_MS = 10_000;

scope.addEventListener("install", (event) => {
  // From the HTTP cache when the page that registered us has just loaded them (immutable).
  event.waitUntil(
    caches
      .open(ASSETS)
      .then((cache) => cache.addAll(config.assets))
      .then(() => scope.skipWaiting()),
  );
});

scope.addEventListener("activate", (event) => {
  event.waitUntil(pruneAssets().then(() => scope.clients.claim()));
});

scope.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin) return;
  if (request.mode === "navigate" && FILL_PATH.test(url.pathname)) event.respondWith(fillPage(request, url));
  else if (url.pathname.startsWith("/assets/")) event.respondWith(asset(request));
});

scope.addEventListener("message", (event) => {
  const message = event.data as WorkerMessage;
  const reply = (ok: boolean) => event.ports[0]?.postMessage({ ok });
  if (message?.type === "save-page") {
    event.waitUntil(
      savePage(message.key, message.html).then(
        () => reply(true),
        () => reply(false),
      ),
    );
  } else if (message?.type === "forget-page") {
    event.waitUntil(
      caches
        .open(PAGES)
        .then((c) => c.delete(message.key))
        .then(
          () => reply(true),
          () => reply(false),
        ),
    );
  }
});

async function fillPage(request: Request, url: URL): Promise<Response> {
  const network = fetch(request);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const patience = new Promise<"slow">((resolve) => (timer = setTimeout(() => resolve("slow"), NETWORK_PATIENCE_MS)));
  try {
    const first = await Promise.race([network, patience]);
    if (first !== "slow") return first;
    // Still waiting: the copy if there is one, else keep waiting for the network.
    return (await offlineCopy(url)) ?? (await network);
  } catch {
    return (await offlineCopy(url)) ?? Response.error();
  } finally {
    clearTimeout(timer);
  }
}

async function offlineCopy(url: URL): Promise<Response | undefined> {
  const cache = await caches.open(PAGES);
  const saved = await cache.match(pageKey(url.pathname, url.searchParams.get("u")));
  if (!saved) return undefined;
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const savedAt = saved.headers.get(SAVED_AT) ?? "";
  const html = (await saved.text())
    .split(NONCE_PLACEHOLDER)
    .join(nonce)
    .replace(/<html\b/i, `<html ${OFFLINE_ATTRIBUTE}="${savedAt.replace(/[^\w:.-]/g, "")}"`);
  return new Response(html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": config.csp.split(NONCE_PLACEHOLDER).join(nonce),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
      "x-frame-options": "DENY",
    },
  });
}

async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.headers.get("cache-control")?.includes("immutable")) await cache.put(request, response.clone());
  return response;
}

async function savePage(key: string, html: string): Promise<void> {
  const cache = await caches.open(PAGES);
  const headers = { "content-type": "text/html; charset=utf-8", [SAVED_AT]: new Date().toISOString() };
  await cache.put(key, new Response(html, { headers }));
  await pruneAssets();
}

/** Keeps the assets of this build and those a saved page names; drops what a new build replaced. */
async function pruneAssets(): Promise<void> {
  const keep = new Set(config.assets);
  const pages = await caches.open(PAGES);
  for (const request of await pages.keys()) {
    const html = await (await pages.match(request))?.text();
    for (const m of html?.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g) ?? []) keep.add(m[1]!);
  }
  const assets = await caches.open(ASSETS);
  for (const request of await assets.keys()) {
    if (!keep.has(new URL(request.url).pathname)) await assets.delete(request);
  }
}
