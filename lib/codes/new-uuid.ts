// A version 4 UUID for a new response. crypto.randomUUID exists only in secure contexts (https,
// localhost); a survey served over plain http on an intranet still needs ids, so fall back to
// getRandomValues, which every browser has.
type UuidCrypto = Pick<Crypto, "getRandomValues"> & { randomUUID?: () => string };

export function newUuid(source: UuidCrypto = globalThis.crypto): string {
  if (typeof source.randomUUID === "function") return source.randomUUID();
  const b = source.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
