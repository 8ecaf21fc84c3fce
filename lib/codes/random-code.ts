// Random, human-friendly codes (Crockford base32: no I, L, O or U, so they read aloud and type
// well on a phone keyboard).
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** `length` characters of 5 random bits each (uniform: 256 is a multiple of 32). */
export function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % 32];
  return out;
}

/** Resume code: 12 characters = 60 bits, shown as XXXX-XXXX-XXXX. */
export function newResumeCode(): string {
  return randomCode(12);
}

/** Link code of a distribution unit: 12 characters = 60 bits, unguessable. */
export function newLinkCode(): string {
  return randomCode(12).toLowerCase();
}

// Formatting and parsing live apart so the browser can use them without node:crypto.
export { formatResumeCode, normalizeResumeCode } from "./resume-code-format";
