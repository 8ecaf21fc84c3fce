// A small, hand-computable set of responses for the needs tests (see the expected figures in
// tests/integration/needs-api.test.ts). Completed responses by institution: pnp 7, migraciones 5,
// poder_judicial 2 — with k = 5 and the release rule (release-rule.md), pnp and migraciones are
// released and shown, poder_judicial waits (in no figure); region PE-TUM (pnp 3, migraciones 5) is
// not released, as it would reveal pnp's PE-TAC 4; plus one partial response that must count nowhere.
import { randomUUID } from "node:crypto";
import { type Db, tablesOf } from "@/db/client";
import { first } from "@/db/dialect";
import { saveResponse } from "@/db/queries/save-response";
import { getSurvey } from "@/surveys/registry";
import { eq } from "drizzle-orm";
import { completeAnswers, TOPICS } from "./sample-answers";

type Rating = { importancia: number; dominio?: number } | { no_aplica: true };

function matrix(overrides: Record<string, Rating>): Record<string, Rating> {
  return Object.fromEntries(TOPICS.map((t) => [t, overrides[t] ?? { importancia: 3, dominio: 3 }]));
}

export const SCRIPT_ANSWER = '<script>alert("xss")</script> Necesito <b>más</b> práctica';
export const FORMULA_ANSWER = '=HYPERLINK("http://evil.example/","clic aquí")';

export async function insertNeedsDataset(db: Db): Promise<void> {
  const survey = await getSurvey("dnc-tim");
  if (!survey) throw new Error("survey dnc-tim not found");
  const { units } = tablesOf(db);
  const tumbes = (await first(db.select({ id: units.id }).from(units).where(eq(units.code, "CR-TUM"))))?.id ?? null;
  const save = (data: Record<string, unknown>, at: string, unitId: number | null, complete = true) =>
    saveResponse(db, { id: randomUUID(), survey, unitId, locale: "es", data, complete, isDemo: true, at });

  // pnp: T05 is the spec's worked example (seven responses, 5 counted pairs); T01 = (5, 1) for all.
  const t05: Rating[] = [
    { importancia: 5, dominio: 2 },
    { importancia: 4, dominio: 3 },
    { importancia: 5, dominio: 5 },
    { importancia: 3, dominio: 1 },
    { importancia: 4, dominio: 4 },
    { no_aplica: true },
    // Not possible in a validated completed response, but defended anyway: importance without competence.
    { importancia: 5 },
  ];
  for (const [i, rating] of t05.entries()) {
    // The last one is sent at 23:59 on 5 March in Lima (04:59 UTC on the 6th).
    const at = [
      "2026-03-02T15:00:00.000Z",
      "2026-03-03T15:00:00.000Z",
      "2026-03-04T15:00:00.000Z",
      "2026-03-05T15:00:00.000Z",
      "2026-03-05T16:00:00.000Z",
      "2026-03-06T04:59:00.000Z",
      "2026-03-05T17:00:00.000Z",
    ][i];
    const open = i === 0 ? { otras_necesidades: SCRIPT_ANSWER } : i === 1 ? { sugerencias: FORMULA_ANSWER } : {};
    await save(
      completeAnswers({
        institucion: "pnp",
        dependencia: "dirctptim",
        region: i < 3 ? "PE-TUM" : "PE-TAC",
        capacitacion_tim: i < 2,
        necesidades: matrix({ T01: { importancia: 5, dominio: 1 }, T05: rating }),
        ...open,
      }),
      at as string,
      tumbes,
    );
  }
  // migraciones: 5 responses, T05 = (4, 2).
  for (let i = 0; i < 5; i++) {
    await save(
      completeAnswers({
        institucion: "migraciones",
        dependencia: "control_migratorio",
        cargo_categoria: "inspector_migratorio",
        necesidades: matrix({ T05: { importancia: 4, dominio: 2 } }),
      }),
      `2026-03-10T1${i}:00:00.000Z`,
      null,
    );
  }
  // poder_judicial: 2 responses, T05 = (5, 1).
  for (let i = 0; i < 2; i++) {
    await save(
      completeAnswers({
        institucion: "poder_judicial",
        dependencia: "juzgado_penal",
        cargo_categoria: "fiscal_juez",
        necesidades: matrix({ T05: { importancia: 5, dominio: 1 } }),
        otras_necesidades: "Texto de un grupo pequeño que no debe verse filtrado",
      }),
      `2026-03-20T1${i}:00:00.000Z`,
      null,
    );
  }
  // A started but unfinished pnp response: counts nowhere in the analysis.
  await save(
    completeAnswers({ institucion: "pnp", necesidades: matrix({ T05: { importancia: 1, dominio: 5 } }) }),
    "2026-03-03T12:00:00.000Z",
    tumbes,
    false,
  );
}
