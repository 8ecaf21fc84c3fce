// Session tokens: 256 random bits in the cookie; only their SHA-256 is stored.
import { createHash, randomBytes } from "node:crypto";

export const SESSION_COOKIE = "sondeo_session";
/** Sessions last 12 hours (a working day at a border post), then the person signs in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
