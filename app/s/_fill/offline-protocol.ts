// What the fill page, its service worker (service-worker.ts) and the route that serves the worker
// (app/s/sw.js) agree on.

/** Where the worker is served; its scope, /s/, covers every fill link. */
export const WORKER_URL = "/s/sw.js";
export const WORKER_SCOPE = "/s/";

/** Stands for the nonce in a saved page and in the policy template: the worker puts a fresh one in both. */
export const NONCE_PLACEHOLDER = "__SONDEO_NONCE__";

/** On <html> of a page the worker served from its copy (value: when the copy was saved, ISO 8601). */
export const OFFLINE_ATTRIBUTE = "data-offline-copy";

/** Set by the route in front of the worker's code. */
export interface WorkerConfig {
  /** The fill page's scripts and stylesheets of this build. */
  assets: string[];
  /** The pages' Content-Security-Policy with NONCE_PLACEHOLDER for the nonce. */
  csp: string;
}

export type WorkerMessage = { type: "save-page"; key: string; html: string } | { type: "forget-page"; key: string };

/** The copy of a fill link is kept under its survey and unit: /s/<slug>?u=<code> or /s/<slug>. */
export function pageKey(pathname: string, unit: string | null): string {
  return unit ? `${pathname}?u=${encodeURIComponent(unit)}` : pathname;
}
