// Headless Debian Chromium (playwright-core) for the needs dashboard's end-to-end tests.
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { ANALYST } from "./needs-auth";

export const ARTIFACTS = path.resolve(__dirname, "../.artifacts");

export async function launchChromium(): Promise<Browser> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return launchBrowser();
}

/** A browser context signed in as `account` (the session cookie lands in the context's jar). */
export async function signedInContext(browser: Browser, baseUrl: string, account = ANALYST, locale = "es"): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1400, height: 1000 },
    locale: locale === "en" ? "en-GB" : "es-PE",
  });
  const res = await context.request.post("/api/auth/login", { data: account });
  if (!res.ok()) throw new Error(`login failed: ${res.status()} ${await res.text()}`);
  if (locale === "en") await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseUrl }]);
  return context;
}

/** Number of pages of a PDF produced by Chromium (Skia writes one "/Type /Page" object per page). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)\b/g) ?? []).length;
}

/** A page whose script errors are collected (hydration mismatches and React errors surface as console errors). */
export type WatchedPage = Page & { errors: string[] };

/** Opens `url` in a new page of `context` (optionally at a viewport), collecting its errors. */
export async function openWatched(context: BrowserContext, url: string, viewport?: { width: number; height: number }): Promise<WatchedPage> {
  const page = (await context.newPage()) as WatchedPage;
  if (viewport) await page.setViewportSize(viewport);
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  // A missing favicon does not count.
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) page.errors.push(m.text());
  });
  await page.goto(url);
  return page;
}
