// Deterministic synthetic responses to dnc-tim for demos and benchmarks. Every one is labelled:
// stored with is_demo = 1 and open answers starting with "[DEMO]".
export type Rng = () => number;

/** mulberry32: a small, fast, seedable PRNG (same seed → same sequence). */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function weighted<T extends string>(rng: Rng, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [value, w] of table) if ((r -= w) < 0) return value;
  return table[table.length - 1]![0];
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const clamp = (v: number) => Math.max(1, Math.min(5, Math.round(v)));

const INSTITUTIONS = [
  ["migraciones", 26],
  ["pnp", 34],
  ["ministerio_publico", 20],
  ["poder_judicial", 12],
  ["mininter", 4],
  ["gobierno_regional", 3],
  ["otra", 1],
] as const;

const DEPENDENCIAS: Record<string, readonly string[]> = {
  migraciones: ["control_migratorio", "jefatura_zonal", "sede_central"],
  pnp: ["dirctptim", "dirincri", "comisaria"],
  ministerio_publico: ["fistrap", "fiscalia_penal", "crimen_organizado", "udavit"],
  poder_judicial: ["juzgado_ip", "juzgado_penal", "sala_penal"],
  mininter: ["dgsd", "otra_direccion"],
};

const ROLES: Record<string, readonly string[]> = {
  migraciones: ["inspector_migratorio", "inspector_migratorio", "directivo", "personal_apoyo"],
  pnp: ["policia_investigador", "policia_investigador", "directivo", "personal_apoyo"],
  ministerio_publico: ["fiscal_juez", "fiscal_juez", "personal_apoyo", "directivo"],
  poder_judicial: ["fiscal_juez", "fiscal_juez", "personal_apoyo"],
};

/** Topics each institution finds most important (a higher mean importance). */
const FOCUS: Record<string, readonly string[]> = {
  migraciones: ["T05", "T07", "T04", "T14", "T15"],
  pnp: ["T06", "T09", "T10", "T12", "T05"],
  ministerio_publico: ["T11", "T09", "T10", "T13", "T02"],
  poder_judicial: ["T11", "T02", "T14", "T12"],
};
/** Topics where competence is generally low: digital evidence, finance, cooperation. */
const HARD = new Set(["T09", "T10", "T13", "T18"]);

const TOPICS = Array.from({ length: 18 }, (_, i) => `T${String(i + 1).padStart(2, "0")}`);
const YEARS = ["lt1", "1_3", "4_6", "7_10", "gt10"] as const;
const MODALIDADES = ["presencial", "virtual_vivo", "autoaprendizaje", "semipresencial", "talleres_casos", "pasantias", "formador_formadores"];
const OBSTACULOS = ["carga_laboral", "autorizacion", "viaticos", "conectividad", "rotacion", "falta_oferta"];
const NEEDS_TEXT = [
  "[DEMO] Identificación de víctimas de trata en el control migratorio de Tumbes.",
  "[DEMO] Capacitación sobre explotación laboral y trata de niñas, niños y adolescentes.",
  "[DEMO] ¿Cómo coordinar con Chile y Ecuador la investigación de redes?",
  "[DEMO] Uso de la evidencia digital: redes sociales y billeteras electrónicas.",
];

export interface DemoUnit {
  linkCode: string;
  region: string;
}

export interface DemoResponse {
  data: Record<string, unknown>;
  unit: DemoUnit | null;
  locale: "es" | "en";
  /** Minutes before "now" when the response was submitted. */
  minutesAgo: number;
}

/** One complete, valid dnc-tim response drawn from `rng`. */
export function demoResponse(rng: Rng, units: readonly DemoUnit[], daysBack = 30): DemoResponse {
  const unit = units.length > 0 && rng() < 0.95 ? pick(rng, units) : null;
  const institucion = weighted(rng, INSTITUTIONS);
  const focus = new Set(FOCUS[institucion] ?? []);
  const anosCasos = pick(rng, YEARS);
  const experience = YEARS.indexOf(anosCasos) / 4;
  const necesidades: Record<string, unknown> = {};
  for (const t of TOPICS) {
    if (rng() < 0.05) {
      necesidades[t] = { no_aplica: true };
      continue;
    }
    const importancia = clamp((focus.has(t) ? 4.4 : 3.5) + (rng() - 0.5) * 2.2);
    const dominio = clamp((HARD.has(t) ? 1.9 : 2.8) + experience * 1.2 + (rng() - 0.5) * 2.2);
    necesidades[t] = { importancia, dominio };
  }
  const capacitado = rng() < 0.4;
  const data: Record<string, unknown> = {
    consentimiento: true,
    institucion,
    region: unit?.region ?? pick(rng, ["PE-LMA", "PE-TUM", "PE-TAC", "PE-PUN"]),
    cargo_categoria: pick(rng, ROLES[institucion] ?? ["directivo", "personal_apoyo", "otro"]),
    anios_institucion: pick(rng, YEARS),
    anios_casos: anosCasos,
    capacitacion_tim: capacitado,
    capacitacion_tdp: rng() < 0.55,
    necesidades,
    modalidad_orden: shuffle(rng, MODALIDADES),
    duracion: pick(rng, ["1_dia", "2_3_dias", "1_semana", "modular"]),
    horario: pick(rng, ["jornada", "fuera_jornada", "indistinto"]),
    meses_disponibles: ["03", "04", "05", "06", "08", "09", "10"].filter(() => rng() < 0.4),
    obstaculos: OBSTACULOS.filter(() => rng() < 0.3),
  };
  const deps = DEPENDENCIAS[institucion];
  if (deps) data.dependencia = pick(rng, deps);
  if (institucion === "otra") data.institucion_otra = "[DEMO] Defensoría del Pueblo";
  if (capacitado) {
    data.capacitacion_tim_horas = Math.floor(rng() * 80) + 4;
    data.capacitacion_tim_entidad = ["propia", "mininter", "oim", "unodc"].filter(() => rng() < 0.4);
  }
  if (rng() < 0.3) data.casos_12m_tim = Math.floor(rng() * 40);
  if (rng() < 0.35) data.otras_necesidades = pick(rng, NEEDS_TEXT);
  if (rng() < 0.15) data.sugerencias = "[DEMO] Talleres prácticos en la frontera, con casos reales anonimizados.";
  for (const key of Object.keys(data)) {
    const v = data[key];
    if (Array.isArray(v) && v.length === 0) delete data[key];
  }
  return {
    data,
    unit,
    locale: rng() < 0.9 ? "es" : "en",
    minutesAgo: Math.floor(rng() * daysBack * 24 * 60),
  };
}
