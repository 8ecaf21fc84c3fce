// The fill page's side of opening a link again without a connection: registers the service
// worker (service-worker.ts) once the form is up, and hands it a copy of this page as the server
// sent it — taken before React replaced the introduction, with this device's unit link and no
// resume code — so that nothing is downloaded twice. Browsers offer service workers only on
// https:// and on http://localhost; elsewhere the page works as before, online only.
import { NONCE_PLACEHOLDER, OFFLINE_ATTRIBUTE, pageKey, WORKER_SCOPE, WORKER_URL, type WorkerMessage } from "./offline-protocol";
import { FILL_PROPS_ID, type FillPageProps } from "./fill-page-props";

export type OfflineSupport = "unsupported" | "saving" | "ready" | "failed";

/**
 * The page as parsed, before any script changed it (call first thing in the entry script). Copied
 * into an inert document: a copy in this one would load the survey's images again and fire their
 * handlers.
 */
export function snapshotPage(): HTMLElement {
  return document.implementation.createHTMLDocument("").importNode(document.documentElement, true);
}

/** When the service worker served this page from its copy (ISO 8601), else null. */
export function offlineCopySavedAt(): string | null {
  return document.documentElement.getAttribute(OFFLINE_ATTRIBUTE);
}

export function offlineSupported(): boolean {
  return typeof navigator !== "undefined" && "serviceWorker" in navigator && window.isSecureContext;
}

function serialize(snapshot: HTMLElement, props: FillPageProps): string {
  const copy = snapshot.cloneNode(true) as HTMLElement;
  copy.removeAttribute(OFFLINE_ATTRIBUTE);
  const data = copy.querySelector(`#${FILL_PROPS_ID}`);
  if (data) {
    data.textContent = JSON.stringify(props)
      .replace(/</g, "\\u003c")
      .replace(/\u2028/g, "\\u2028")
      .replace(/\u2029/g, "\\u2029");
  }
  // Browsers hide a script's nonce from the DOM: the worker puts a fresh one here and in the policy.
  for (const script of copy.querySelectorAll("script[src]")) script.setAttribute("nonce", NONCE_PLACEHOLDER);
  return `<!DOCTYPE html>\n${copy.outerHTML}`;
}

function send(worker: ServiceWorker, message: WorkerMessage): Promise<boolean> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e: MessageEvent<{ ok: boolean }>) => resolve(e.data?.ok === true);
    worker.postMessage(message, [channel.port2]);
  });
}

/**
 * Keeps this page on the device for `unit` (the link the person continues with, which a resume
 * code may have changed). Resolves with what the page can tell the person.
 */
export async function keepOfflineCopy(snapshot: HTMLElement, props: FillPageProps, unit: string | null): Promise<OfflineSupport> {
  if (!offlineSupported()) return "unsupported";
  try {
    await navigator.serviceWorker.register(WORKER_URL, { scope: WORKER_SCOPE });
    const registration = await navigator.serviceWorker.ready;
    if (!registration.active) return "failed";
    const html = serialize(snapshot, { ...props, unit, resumeCode: null });
    const ok = await send(registration.active, { type: "save-page", key: pageKey(window.location.pathname, unit), html });
    return ok ? "ready" : "failed";
  } catch {
    return "failed";
  }
}

/** A notice (survey closed, link not valid) replaced the form at this address: drop its copy. */
export function forgetOfflineCopy(): void {
  const worker = offlineSupported() ? navigator.serviceWorker.controller : null;
  if (!worker) return;
  const unit = new URL(window.location.href).searchParams.get("u");
  worker.postMessage({ type: "forget-page", key: pageKey(window.location.pathname, unit) } satisfies WorkerMessage);
}
