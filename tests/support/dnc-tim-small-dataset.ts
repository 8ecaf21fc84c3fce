// A small deterministic set of valid dnc-tim submissions for the oracle comparison
// (tests/integration/needs-any-survey.test.ts): 21 complete and one partial, with ratings from a
// seeded PRNG (some topics not applicable). Completed responses, k = 5:
//   institucion: pnp 8, migraciones 6, ministerio_publico 5, poder_judicial 2
//   unit (link): CR-TUM 5, CR-TAC 6, CR-LMA 3, none 7
//   region follows the unit (PE-TUM, PE-TAC, PE-LMA; none → PE-LIM)
//   cargo_categoria: policia_investigador 6, directivo 3, inspector_migratorio 5, fiscal_juez 7
// Under the release rule (release-rule.md; submitted, then read: one release) poder_judicial's 2
// wait; the three other institutions are published, and so are only the cells that split them
// into parts of 0 or ≥ 5 (e.g. region PE-TAC = migraciones' CR-TAC; PE-TUM, 5 of pnp's 8, and PE-LIM
// are "unreleased"); directivo (3) and CR-LMA (3) are below k.
import { seededRng, type Rng } from "@/lib/demo/rng";
import { completeAnswers, TOPICS } from "./sample-answers";

type Json = Record<string, unknown>;

export interface TimSubmission {
  data: Json;
  /** The unit's code (e.g. "CR-TUM"): the submission goes through that unit's link. */
  unit: string | null;
  complete: boolean;
}

const YEARS = ["lt1", "1_3", "4_6", "7_10", "gt10"];
const REGION: Record<string, string> = { "CR-TUM": "PE-TUM", "CR-TAC": "PE-TAC", "CR-LMA": "PE-LMA" };

function ratings(rng: Rng): Json {
  return Object.fromEntries(
    TOPICS.map((t) => [t, rng() < 0.08 ? { no_aplica: true } : { importancia: 1 + Math.floor(rng() * 5), dominio: 1 + Math.floor(rng() * 5) }]),
  );
}

export function dncTimSmallDataset(seed = 11): TimSubmission[] {
  const rng = seededRng(seed);
  // [institucion, dependencia, cargo_categoria, unit, how many]
  const plan: [string, string, string, string | null, number][] = [
    ["pnp", "dirctptim", "policia_investigador", "CR-TUM", 4],
    ["pnp", "comisaria", "directivo", "CR-TUM", 1],
    ["pnp", "dirincri", "policia_investigador", null, 2],
    ["pnp", "dirctptim", "directivo", null, 1],
    ["migraciones", "control_migratorio", "inspector_migratorio", "CR-TAC", 5],
    ["migraciones", "jefatura_zonal", "directivo", "CR-TAC", 1],
    ["ministerio_publico", "fistrap", "fiscal_juez", "CR-LMA", 3],
    ["ministerio_publico", "fiscalia_penal", "fiscal_juez", null, 2],
    ["poder_judicial", "juzgado_penal", "fiscal_juez", null, 2],
  ];
  const out: TimSubmission[] = [];
  for (const [institucion, dependencia, cargo_categoria, unit, count] of plan) {
    for (let i = 0; i < count; i++) {
      const data = completeAnswers({
        institucion,
        dependencia,
        cargo_categoria,
        region: unit ? REGION[unit] : "PE-LIM",
        anios_casos: YEARS[Math.floor(rng() * YEARS.length)],
        necesidades: ratings(rng),
        otras_necesidades: "¿Cómo distinguir tráfico y trata en la frontera? Niñas y niños sin documentos.",
      });
      out.push({ data, unit, complete: true });
    }
  }
  out.push({
    data: completeAnswers({ institucion: "poder_judicial", dependencia: "sala_penal", necesidades: ratings(rng) }),
    unit: null,
    complete: false,
  });
  return out;
}
