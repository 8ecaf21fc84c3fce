// Deterministic responses to surveys/dnc-inspeccion.json for the needs tests: valid complete
// submissions (seeded PRNG) with group sizes chosen so that, with k = 5, every suppression rule
// fires somewhere, plus partial ones that must count nowhere. Open answers carry accents (á, ñ, ¿).
//
// Completed responses by intendencia × funcion (67 in all):
//
//                     inspector_auxiliar  inspector_trabajo  supervisor_inspector  otro   total
//   ilm                        7                 14                  6               3      30
//   ire_arequipa               3                  6                  2               1      12
//   ire_la_libertad            2                  5                  2               0       9
//   ire_piura                  2                  4                  1               0       7
//   ire_cusco                  1                  4                  1               0       6
//   ire_loreto                 0                  2                  0               0       2
//   ire_junin                  0                  1                  0               0       1
//   ire_ancash                 0                  0                  0               0       0  (partial only)
//   total                     15                 36                 12               4      67
//
// With k = 5 (release rule, issue #12; everything submitted, then read: one release): ire_junin
// and ire_loreto wait (3 pending, in no figure); the five other intendencias are published. By
// funcion, every group is "unreleased" (ire_la_libertad's 9 would split 5 | 4, ire_arequipa's 12
// into 3 | 9 …) but otro (4: primary). Filters: intendencia=ire_loreto → not_released;
// intendencia=ilm&funcion=inspector_trabajo (14) and …&inspector_auxiliar (7) are published,
// …&supervisor_inspector (6) is not (it would leave ilm's 3 otro apart) → not_released.
// Fixed patterns for exact ties and points on a line: L12 repeats L11 for everyone (an MWDS tie
// in every group); in ire_piura every relevance is 3 and in ire_la_libertad every topic's
// relevances add up to 25 (Ī = 25/9 for all twelve topics), so every topic sits on the
// importance line.
import { seededRng, type Rng } from "@/lib/demo/rng";

type Json = Record<string, unknown>;

export const INTENDENCIAS = ["ilm", "ire_ancash", "ire_arequipa", "ire_cusco", "ire_junin", "ire_la_libertad", "ire_loreto", "ire_piura"] as const;
export const FUNCIONES = ["inspector_auxiliar", "inspector_trabajo", "supervisor_inspector", "otro"] as const;
export type Intendencia = (typeof INTENDENCIAS)[number];
export type Funcion = (typeof FUNCIONES)[number];
export const TOPICS = Array.from({ length: 12 }, (_, i) => `L${String(i + 1).padStart(2, "0")}`);

/** Completed responses per intendencia and funcion (the table above). */
export const GROUP_SIZES: Record<Intendencia, Record<Funcion, number>> = {
  ilm: { inspector_auxiliar: 7, inspector_trabajo: 14, supervisor_inspector: 6, otro: 3 },
  ire_ancash: { inspector_auxiliar: 0, inspector_trabajo: 0, supervisor_inspector: 0, otro: 0 },
  ire_arequipa: { inspector_auxiliar: 3, inspector_trabajo: 6, supervisor_inspector: 2, otro: 1 },
  ire_cusco: { inspector_auxiliar: 1, inspector_trabajo: 4, supervisor_inspector: 1, otro: 0 },
  ire_junin: { inspector_auxiliar: 0, inspector_trabajo: 1, supervisor_inspector: 0, otro: 0 },
  ire_la_libertad: { inspector_auxiliar: 2, inspector_trabajo: 5, supervisor_inspector: 2, otro: 0 },
  ire_loreto: { inspector_auxiliar: 0, inspector_trabajo: 2, supervisor_inspector: 0, otro: 0 },
  ire_piura: { inspector_auxiliar: 2, inspector_trabajo: 4, supervisor_inspector: 1, otro: 0 },
};

const MATERIAS = ["sst", "remuneraciones", "contratacion", "jornada", "relaciones_colectivas", "trabajo_infantil_forzoso", "igualdad", "migrantes"];
const MODALIDADES = ["presencial", "virtual_vivo", "autoaprendizaje", "semipresencial", "acompanamiento"];
const CONDICIONES = ["epp", "criterios", "tiempo", "aplicacion"];
/** Topics each role finds most relevant; supervisors care about procedure and writing. */
const FOCUS: Record<Funcion, readonly string[]> = {
  inspector_auxiliar: ["L02", "L09", "L11", "L12"],
  inspector_trabajo: ["L03", "L04", "L05", "L08"],
  supervisor_inspector: ["L02", "L03", "L11"],
  otro: ["L01", "L03"],
};
/** Topics where knowledge is generally low. */
const HARD = new Set(["L04", "L05", "L10"]);

const OTRAS_NECESIDADES = [
  "¿Cómo actuar ante trabajo forzoso en la minería informal? Necesito práctica con casos reales.",
  "Investigación de accidentes mortales en obras de construcción: señalización, andamios y arnés.",
  "Niñas, niños y adolescentes en la agroexportación de Piura: cómo verificar la edad sin documentos.",
  "Cálculo de CTS y gratificaciones truncas; año tras año cambian los criterios.",
];
const CASOS = [
  "En una empresa de tercerización no pude acreditar la desnaturalización; faltó conocer la jurisprudencia.",
  "Un trabajador extranjero sin contrato registrado; no sabía qué requerimiento emitir ni en qué plazo.",
];
const SUGERENCIAS = [
  "Más talleres presenciales en las intendencias regionales, con acompañamiento en campo.",
  "Cursos cortos por la casilla electrónica, con exámenes prácticos; ¡gracias!",
];
const FUNCION_OTRA = [
  "Abogada del área de apoyo legal – revisión de actas",
  "Técnico administrativo de la subintendencia de actuación inspectiva",
  "Asistente de Lima Metropolitana: programación de órdenes",
];

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const scale4 = (v: number) => Math.max(1, Math.min(4, Math.round(v)));
function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The need matrix of one respondent: `index` is the respondent's position in its intendencia. */
function temas(rng: Rng, intendencia: Intendencia, funcion: Funcion, index: number, years: number): Json {
  const focus = new Set(FOCUS[funcion]);
  const rows: Json = {};
  TOPICS.forEach((topic, j) => {
    let relevancia = scale4((focus.has(topic) ? 3.5 : 2.7) + (rng() - 0.5) * 2);
    if (intendencia === "ire_piura") relevancia = 3;
    // Nine respondents; each topic gets two 2s and seven 3s → Σ 25.
    if (intendencia === "ire_la_libertad") relevancia = (index + j) % 9 < 2 ? 2 : 3;
    const nivel = scale4((HARD.has(topic) ? 1.6 : 2.3) + Math.min(years, 20) / 20 + (rng() - 0.5) * 2);
    rows[topic] = { relevancia, nivel };
  });
  rows.L12 = { ...(rows.L11 as Json) };
  return rows;
}

function completeResponse(rng: Rng, intendencia: Intendencia, funcion: Funcion, index: number): Json {
  const years = Math.floor(rng() * (funcion === "supervisor_inspector" ? 25 : 12)) + (funcion === "supervisor_inspector" ? 8 : 0);
  const data: Json = {
    consentimiento: true,
    intendencia,
    funcion,
    anios_inspeccion: years,
    capacitacion_12m: rng() < 0.6,
    temas: temas(rng, intendencia, funcion, index, years),
    modalidad_orden: shuffle(rng, MODALIDADES),
  };
  if (funcion === "otro") data.funcion_otra = pick(rng, FUNCION_OTRA);
  if (rng() < 0.8) {
    const year = 2014 + Math.floor(rng() * 12);
    const month = year === 2014 ? 4 + Math.floor(rng() * 9) : 1 + Math.floor(rng() * 12);
    data.ingreso = `${year}-${String(month).padStart(2, "0")}`;
  }
  if (data.capacitacion_12m === true && rng() < 0.9) data.utilidad_capacitacion = 1 + Math.floor(rng() * 5);
  const materias = MATERIAS.filter(() => rng() < 0.35);
  if (materias.length > 0) data.materias = materias;
  if (rng() < 0.85) data.horario = pick(rng, ["jornada", "fuera_jornada", "indistinto"]);
  if (rng() < 0.9) data.condiciones = Object.fromEntries(CONDICIONES.filter(() => rng() < 0.9).map((row) => [row, 1 + Math.floor(rng() * 5)]));
  if (rng() < 0.5) data.otras_necesidades = pick(rng, OTRAS_NECESIDADES);
  if (rng() < 0.3) data.caso_dificil = pick(rng, CASOS);
  if (rng() < 0.3) data.sugerencias = pick(rng, SUGERENCIAS);
  return data;
}

export interface InspeccionDataset {
  /** Valid complete submissions, in a shuffled order. */
  completed: Json[];
  /** Progress saves (complete: false) that must count nowhere. */
  partial: Json[];
}

export function dncInspeccionDataset(seed = 20_261_203): InspeccionDataset {
  const rng = seededRng(seed);
  const completed: Json[] = [];
  for (const intendencia of INTENDENCIAS) {
    let index = 0;
    for (const funcion of FUNCIONES) {
      for (let i = 0; i < GROUP_SIZES[intendencia][funcion]; i++) completed.push(completeResponse(rng, intendencia, funcion, index++));
    }
  }
  const partialOf = (intendencia: Intendencia, funcion: Funcion): Json => {
    const full = completeResponse(rng, intendencia, funcion, 0);
    return {
      consentimiento: true,
      intendencia,
      funcion,
      anios_inspeccion: full.anios_inspeccion,
      temas: { L01: { relevancia: 4, nivel: 1 }, L02: { relevancia: 4 } },
    };
  };
  return {
    completed: shuffle(rng, completed),
    partial: [partialOf("ire_ancash", "inspector_trabajo"), partialOf("ire_junin", "inspector_trabajo"), partialOf("ilm", "supervisor_inspector")],
  };
}
