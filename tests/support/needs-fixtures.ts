// Deterministic synthetic completed responses for the needs dashboard's tests and benchmark,
// written through saveResponse (so need_ratings is filled exactly as in production).
import { randomUUID } from "node:crypto";
import { type Db, tablesOf } from "@/db/client";
import { transaction } from "@/db/dialect";
import { saveResponse, type SaveResponseInput } from "@/db/queries/save-response";
import { seededRng } from "@/lib/demo/rng";

/** mulberry32, the demo generator's seeded PRNG (same seed → same test data). */
export const prng = seededRng;

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return (items[items.length - 1] as readonly [T, number])[0];
}
const clamp = (v: number) => Math.max(1, Math.min(5, Math.round(v)));

export const INSTITUTION_WEIGHTS = [
  ["pnp", 30],
  ["migraciones", 25],
  ["ministerio_publico", 18],
  ["poder_judicial", 12],
  ["mininter", 6],
  ["gobierno_regional", 6],
  ["otra", 3],
] as const;

const DEPENDENCIA: Record<string, string[]> = {
  migraciones: ["control_migratorio", "jefatura_zonal", "sede_central"],
  pnp: ["dirctptim", "dirincri", "comisaria"],
  ministerio_publico: ["fistrap", "fiscalia_penal", "crimen_organizado", "udavit"],
  poder_judicial: ["juzgado_ip", "juzgado_penal", "sala_penal"],
  mininter: ["dgsd", "otra_direccion"],
};
const CARGO: Record<string, string[]> = {
  migraciones: ["inspector_migratorio", "inspector_migratorio", "directivo", "personal_apoyo"],
  pnp: ["policia_investigador", "policia_investigador", "directivo", "personal_apoyo"],
  ministerio_publico: ["fiscal_juez", "fiscal_juez", "personal_apoyo", "directivo"],
  poder_judicial: ["fiscal_juez", "personal_apoyo"],
};
const YEARS = ["lt1", "1_3", "4_6", "7_10", "gt10"];
const MODALIDADES = ["presencial", "virtual_vivo", "autoaprendizaje", "semipresencial", "talleres_casos", "pasantias", "formador_formadores"];
const OBSTACULOS = ["carga_laboral", "autorizacion", "viaticos", "conectividad", "rotacion", "falta_oferta", "otro"];
const OPEN_TEXTS = [
  "Necesitamos más práctica con casos reales de tráfico en la frontera con Chile.",
  "Identificación de víctimas de trata en el control migratorio; año tras año los mismos problemas.",
  "Capacitación conjunta con fiscales y policías para coordinar la derivación de casos.",
  "Un caso reciente: documentos falsos detectados en Aguas Verdes, sin protocolo claro.",
];

/** Each institution's need profile: topic index → [importance offset, competence offset]. */
function profileOffset(inst: string, topic: number): [number, number] {
  const h = (inst.length * 7 + topic * 13) % 5;
  return [(h - 2) * 0.35, (((topic * 3 + inst.length) % 5) - 2) * 0.3];
}

export interface GeneratedResponse {
  data: Record<string, unknown>;
  unitId: number | null;
}

export function generateAnswers(
  rng: Rng,
  unitIds: readonly { id: number; region: string }[],
  weights: readonly (readonly [string, number])[] = INSTITUTION_WEIGHTS,
): GeneratedResponse {
  const institucion = weighted(rng, weights);
  const unit = unitIds.length > 0 ? pick(rng, unitIds) : null;
  const necesidades: Record<string, unknown> = {};
  for (let t = 0; t < 18; t++) {
    const code = `T${String(t + 1).padStart(2, "0")}`;
    if (rng() < 0.05) {
      necesidades[code] = { no_aplica: true };
      continue;
    }
    const [di, dc] = profileOffset(institucion, t);
    necesidades[code] = {
      importancia: clamp(3.9 + di + (rng() - 0.5) * 2.2),
      dominio: clamp(2.7 + dc + (rng() - 0.5) * 2.2),
    };
  }
  const modalidad = [...MODALIDADES].sort(() => rng() - 0.5);
  const trained = rng() < 0.45;
  const data: Record<string, unknown> = {
    consentimiento: true,
    institucion,
    region: unit && rng() < 0.9 ? unit.region : pick(rng, ["PE-TUM", "PE-TAC", "PE-LMA", "PE-PUN", "PE-PIU"]),
    cargo_categoria: pick(rng, CARGO[institucion] ?? ["directivo", "personal_apoyo", "otro"]),
    anios_institucion: pick(rng, YEARS),
    anios_casos: pick(rng, YEARS),
    capacitacion_tim: trained,
    capacitacion_tdp: rng() < 0.55,
    necesidades,
    modalidad_orden: modalidad,
    duracion: pick(rng, ["1_dia", "2_3_dias", "2_3_dias", "1_semana", "modular"]),
    horario: pick(rng, ["jornada", "jornada", "fuera_jornada", "indistinto"]),
    meses_disponibles: ["03", "04", "05", "08", "09", "10"].filter(() => rng() < 0.4),
    obstaculos: OBSTACULOS.filter(() => rng() < 0.3),
  };
  const deps = DEPENDENCIA[institucion];
  if (deps) data.dependencia = pick(rng, deps);
  if (institucion === "otra") data.institucion_otra = "Defensoría del Pueblo";
  if (trained) {
    data.capacitacion_tim_horas = Math.floor(rng() * 80);
    data.capacitacion_tim_entidad = ["propia", "oim", "unodc", "mininter"].filter(() => rng() < 0.4);
  }
  if (rng() < 0.3) data.otras_necesidades = pick(rng, OPEN_TEXTS);
  if (rng() < 0.15) data.sugerencias = pick(rng, OPEN_TEXTS);
  return { data, unitId: unit?.id ?? null };
}

export interface SurveyForFixtures {
  slug: string;
  version: string;
  definition: object;
  needs?: SaveResponseInput["survey"]["needs"];
}

export interface InsertOptions {
  count: number;
  seed?: number;
  /** First submission moment; responses are spread over `days` days from here. */
  start?: string;
  days?: number;
  /** Responses per transaction (big batches make the 100k bench feasible). */
  batch?: number;
  /** Deterministic ids (from the seed) instead of random UUIDs. */
  deterministicIds?: boolean;
  /** Institution mix (default INSTITUTION_WEIGHTS). */
  weights?: readonly (readonly [string, number])[];
}

function uuidFrom(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Inserts `count` completed demo responses; returns how many were written. */
export async function insertSyntheticResponses(db: Db, survey: SurveyForFixtures, options: InsertOptions): Promise<number> {
  const rng = prng(options.seed ?? 42);
  const idRng = prng((options.seed ?? 42) ^ 0x5eed);
  const { units } = tablesOf(db);
  const unitRows = await db.select({ id: units.id, region: units.region }).from(units);
  const start = Date.parse(options.start ?? "2026-03-02T14:00:00.000Z");
  const spanMs = (options.days ?? 30) * 86_400_000;
  const batch = options.batch ?? 5_000;
  let written = 0;
  while (written < options.count) {
    const size = Math.min(batch, options.count - written);
    // Generated before the transaction: its body may be run again (PostgreSQL), the generators not.
    const inputs: SaveResponseInput[] = [];
    for (let i = 0; i < size; i++) {
      const index = written + i;
      const { data, unitId } = generateAnswers(rng, unitRows, options.weights);
      const at = new Date(start + Math.floor((index / options.count) * spanMs)).toISOString();
      inputs.push({
        id: options.deterministicIds === false ? randomUUID() : uuidFrom(idRng),
        survey: survey,
        unitId,
        locale: "es",
        data,
        complete: true,
        isDemo: true,
        at,
      });
    }
    await transaction(db, async (tx) => {
      for (const input of inputs) await saveResponse(tx, input);
    });
    written += size;
  }
  return written;
}
