// The current time for what the server records (submission times, release times). Normally the
// system clock; with SONDEO_CLOCK_FILE set — for tests only, never in production — the ISO time
// written in that file, so a test can move time forward between requests to a running server.
import { readFileSync } from "node:fs";
import { env } from "../env";
import { peruToday } from "./lima-time";

export function nowIso(): string {
  const file = env().SONDEO_CLOCK_FILE;
  if (!file) return new Date().toISOString();
  const text = readFileSync(file, "utf8").trim();
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new Error(`SONDEO_CLOCK_FILE ${file} does not hold an ISO time: "${text}"`);
  return new Date(time).toISOString();
}

/** Today's date in Peru (YYYY-MM-DD) by the same clock. */
export function peruTodayNow(): string {
  return peruToday(new Date(nowIso()));
}
