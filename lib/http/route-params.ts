// Dynamic route segments that must be positive integers (database ids).
import { notFound } from "./app-error";

export function parseIdParam(value: string | undefined, what: string): number {
  const n = Number(value);
  if (!value || !/^\d{1,12}$/.test(value) || !Number.isSafeInteger(n) || n <= 0) {
    throw notFound(`${what}_not_found`, `There is no ${what} with id "${value ?? ""}".`);
  }
  return n;
}
