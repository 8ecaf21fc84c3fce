// Password rules, importable by browser code too (no crypto here).
export const MIN_PASSWORD_LENGTH = 10;
