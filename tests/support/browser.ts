// Real Chromium for end-to-end tests: the system browser driven by playwright-core, a phone-sized
// context, and an axe-core accessibility check that reports what would block a person.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const ROOT = path.resolve(__dirname, "../..");
export const CHROMIUM = process.env.SONDEO_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS = path.join(ROOT, "tests", ".artifacts");

/** Waits (up to `waitMs`) for the browser binary, which CI may still be installing. */
async function waitForExecutable(file: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`Chromium not found at ${file} (set SONDEO_CHROMIUM)`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

export async function launchBrowser(): Promise<Browser> {
  await waitForExecutable(CHROMIUM, 5 * 60_000);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A 390×844 touch phone (an ordinary Android/iPhone size), Spanish (Peru) browser. */
export function newPhoneContext(browser: Browser, locale = "es-PE"): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
    timezoneId: "America/Lima",
  });
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page; returns the serious and critical violations only. */
export async function axeCheck(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: path.join(ROOT, "node_modules/axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<any> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return (result.violations as any[]).map((v) => ({
      id: String(v.id),
      impact: String(v.impact),
      help: String(v.help),
      targets: (v.nodes as any[]).slice(0, 5).map((n) => (n.target as string[]).join(" ")),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Saves a screenshot (what is on screen, or the full page) under tests/.artifacts/ (gitignored). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}
