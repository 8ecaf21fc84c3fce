// Validation of one distribution unit's fields, shared by the unit form and the CSV import so
// both accept and refuse exactly the same values, with the same bilingual messages.
import { isRegionCode } from "@/lib/units/regions";

export const UNIT_COLUMNS = ["code", "name", "institution", "region", "expected", "active"] as const;
export type UnitColumn = (typeof UNIT_COLUMNS)[number];

export interface UnitFields {
  code: string;
  name: string;
  institution: string;
  region: string;
  expected: number;
  active: boolean;
}

export interface FieldError {
  column: UnitColumn | "line" | "file";
  code: string;
  message: { es: string; en: string };
}

export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;
export const MAX_EXPECTED = 100_000;

const TRUE_WORDS = new Set(["1", "true", "si", "sí", "s", "yes", "y", "x", "activo", "activa", "active"]);
const FALSE_WORDS = new Set(["0", "false", "no", "n", "inactivo", "inactiva", "inactive"]);

function err(column: FieldError["column"], code: string, es: string, en: string): FieldError {
  return { column, code, message: { es, en } };
}

/** Reads "sí"/"no"/1/0/true/false…; empty means active. undefined when unreadable. */
export function parseActive(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === undefined || value === null) return true;
  const v = String(value).trim().toLowerCase();
  if (v === "") return true;
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return undefined;
}

function text(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value).normalize("NFC").trim() : "";
}

export type UnitFieldsResult = { ok: true; value: UnitFields } | { ok: false; errors: FieldError[] };

/** Checks and normalises raw values (strings from a CSV cell or a form, numbers, booleans). */
export function validateUnitFields(raw: Partial<Record<UnitColumn, unknown>>): UnitFieldsResult {
  const errors: FieldError[] = [];
  const code = text(raw.code).toUpperCase();
  if (!code) errors.push(err("code", "required", "Falta el código.", "The code is missing."));
  else if (!CODE_PATTERN.test(code)) {
    errors.push(
      err(
        "code",
        "invalid_code",
        `Código «${code}» no válido: use de 1 a 32 letras sin tilde, cifras, guion o guion bajo (p. ej. CR-TUM).`,
        `Invalid code "${code}": use 1 to 32 plain letters, digits, hyphens or underscores (e.g. CR-TUM).`,
      ),
    );
  }
  const name = text(raw.name);
  if (!name) errors.push(err("name", "required", "Falta el nombre.", "The name is missing."));
  else if (name.length > 200) errors.push(err("name", "too_long", "El nombre supera los 200 caracteres.", "The name is longer than 200 characters."));
  const institution = text(raw.institution);
  if (!institution) errors.push(err("institution", "required", "Falta la institución o comisión.", "The institution or commission is missing."));
  else if (institution.length > 120) {
    errors.push(err("institution", "too_long", "La institución supera los 120 caracteres.", "The institution is longer than 120 characters."));
  }
  const region = text(raw.region).toUpperCase();
  if (!region) errors.push(err("region", "required", "Falta la región.", "The region is missing."));
  else if (!isRegionCode(region)) {
    errors.push(
      err(
        "region",
        "invalid_region",
        `Región «${region}» desconocida: use un código ISO 3166-2:PE como PE-TUM o PE-LMA.`,
        `Unknown region "${region}": use an ISO 3166-2:PE code such as PE-TUM or PE-LMA.`,
      ),
    );
  }
  const expectedText = text(raw.expected);
  const expected = Number(expectedText);
  if (expectedText === "")
    errors.push(err("expected", "required", "Falta el número esperado de respuestas.", "The expected number of respondents is missing."));
  else if (!/^\d+$/.test(expectedText) || !Number.isSafeInteger(expected) || expected > MAX_EXPECTED) {
    errors.push(
      err(
        "expected",
        "invalid_expected",
        `«${expectedText}» no es un número entero entre 0 y ${MAX_EXPECTED}.`,
        `"${expectedText}" is not a whole number between 0 and ${MAX_EXPECTED}.`,
      ),
    );
  }
  const active = parseActive(raw.active);
  if (active === undefined) {
    errors.push(err("active", "invalid_active", `«${text(raw.active)}» no es sí/no (o 1/0).`, `"${text(raw.active)}" is not yes/no (or 1/0).`));
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { code, name, institution, region, expected, active: active ?? true } };
}
