// The 26 regions of Peru as ISO 3166-2:PE codes, in the order and with the labels of the
// survey's `region` question (a unit test keeps the two in step).
export const PERU_REGIONS = [
  { code: "PE-AMA", es: "Amazonas", en: "Amazonas" },
  { code: "PE-ANC", es: "Áncash", en: "Áncash" },
  { code: "PE-APU", es: "Apurímac", en: "Apurímac" },
  { code: "PE-ARE", es: "Arequipa", en: "Arequipa" },
  { code: "PE-AYA", es: "Ayacucho", en: "Ayacucho" },
  { code: "PE-CAJ", es: "Cajamarca", en: "Cajamarca" },
  { code: "PE-CAL", es: "Callao", en: "Callao" },
  { code: "PE-CUS", es: "Cusco", en: "Cusco" },
  { code: "PE-HUV", es: "Huancavelica", en: "Huancavelica" },
  { code: "PE-HUC", es: "Huánuco", en: "Huánuco" },
  { code: "PE-ICA", es: "Ica", en: "Ica" },
  { code: "PE-JUN", es: "Junín", en: "Junín" },
  { code: "PE-LAL", es: "La Libertad", en: "La Libertad" },
  { code: "PE-LAM", es: "Lambayeque", en: "Lambayeque" },
  { code: "PE-LIM", es: "Lima (región)", en: "Lima (region)" },
  { code: "PE-LMA", es: "Lima Metropolitana", en: "Metropolitan Lima" },
  { code: "PE-LOR", es: "Loreto", en: "Loreto" },
  { code: "PE-MDD", es: "Madre de Dios", en: "Madre de Dios" },
  { code: "PE-MOQ", es: "Moquegua", en: "Moquegua" },
  { code: "PE-PAS", es: "Pasco", en: "Pasco" },
  { code: "PE-PIU", es: "Piura", en: "Piura" },
  { code: "PE-PUN", es: "Puno", en: "Puno" },
  { code: "PE-SAM", es: "San Martín", en: "San Martín" },
  { code: "PE-TAC", es: "Tacna", en: "Tacna" },
  { code: "PE-TUM", es: "Tumbes", en: "Tumbes" },
  { code: "PE-UCA", es: "Ucayali", en: "Ucayali" },
] as const;

export type RegionCode = (typeof PERU_REGIONS)[number]["code"];

const BY_CODE = new Map<string, (typeof PERU_REGIONS)[number]>(PERU_REGIONS.map((r) => [r.code, r]));

export function isRegionCode(value: string): value is RegionCode {
  return BY_CODE.has(value);
}

/** The region's name in `locale`, or the input itself when it is not a known code. */
export function regionLabel(code: string, locale: "es" | "en"): string {
  return BY_CODE.get(code)?.[locale] ?? code;
}
