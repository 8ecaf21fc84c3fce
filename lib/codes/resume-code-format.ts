// How resume codes are shown and read back: safe for the browser (no node:crypto).

/** Resume code: 12 characters = 60 bits, shown as XXXX-XXXX-XXXX. */
export function formatResumeCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

/** Accepts what a person types: lower case, spaces or dashes, and the look-alikes O/I/L. */
export function normalizeResumeCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return /^[0-9A-HJKMNP-TV-Z]{12}$/.test(cleaned) ? cleaned : null;
}
