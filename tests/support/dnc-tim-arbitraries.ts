// Submissions to dnc-tim for the differential test: a valid response (the demo generator, from a
// random seed) with up to three mutations of the kinds that matter in this survey — dropped
// answers, answers to questions its conditions hide (institucion_otra, obstaculo_otro, the hours
// of training not received), ratings of topics marked not applicable, missing ratings, values out
// of range or off-step, dependencias of another institution, partial rankings, no consent.
import fc from "fast-check";
import { createDemoGenerator } from "@/lib/demo/demo-responses";
import { seededRng } from "@/lib/demo/rng";
import { buildEntry } from "@/surveys/registry";
import { questionDomain, questionsOf } from "./answer-arbitraries";

type Data = Record<string, unknown>;
type Mutation = (data: Data) => void;
type Json = Record<string, any>;

const RATING = fc.integer({ min: 1, max: 5 });
const TOPIC = fc.integer({ min: 1, max: 18 }).map((i) => `T${String(i).padStart(2, "0")}`);

function necesidades(data: Data): Record<string, unknown> {
  if (typeof data.necesidades !== "object" || data.necesidades === null) data.necesidades = {};
  return data.necesidades as Record<string, unknown>;
}

const rowMutation: fc.Arbitrary<Mutation> = fc
  .tuple(
    TOPIC,
    fc.oneof(
      fc.constant({ no_aplica: true }),
      RATING.map((importancia) => ({ no_aplica: true, importancia })),
      fc.tuple(RATING, RATING).map(([importancia, dominio]) => ({ importancia, dominio, no_aplica: false })),
      RATING.map((importancia) => ({ importancia })),
      RATING.map((dominio) => ({ dominio, no_aplica: false })),
      fc.constant({}),
      fc.constant({ no_aplica: false }),
      fc.constant(undefined),
    ),
  )
  .map(([topic, row]) => (data: Data) => {
    if (row === undefined) delete necesidades(data)[topic];
    else necesidades(data)[topic] = row;
  });

function otherAnswers(definition: Json): fc.Arbitrary<Mutation> {
  const pages = definition.pages as Json[];
  const questions = questionsOf(pages.flatMap((p) => p.elements as Json[])).filter((q) => q.type !== "matrixdropdown");
  return fc.constantFrom(...questions).chain((q) => {
    const domain = questionDomain(q, 0.5);
    return fc.oneof(domain.good, domain.bad, fc.constant(undefined)).map((value) => (data: Data) => {
      if (value === undefined) delete data[q.name as string];
      else data[q.name as string] = value;
    });
  });
}

const INSTITUTIONS = ["migraciones", "pnp", "ministerio_publico", "poder_judicial", "mininter", "gobierno_regional", "otra"];

const institutionChange: fc.Arbitrary<Mutation> = fc
  .tuple(fc.constantFrom(...INSTITUTIONS), fc.boolean(), fc.boolean())
  .map(([institucion, keepDependencia, otra]) => (data: Data) => {
    data.institucion = institucion;
    if (!keepDependencia) delete data.dependencia;
    if (otra) data.institucion_otra = "Defensoría del Pueblo";
  });

const obstacleChange: fc.Arbitrary<Mutation> = fc
  .tuple(fc.boolean(), fc.constantFrom(undefined, "", "  ", "Distancia al puesto de control"))
  .map(([otro, texto]) => (data: Data) => {
    const list = Array.isArray(data.obstaculos) ? (data.obstaculos as string[]).filter((o) => o !== "otro") : [];
    data.obstaculos = otro ? [...list, "otro"] : list;
    if (texto === undefined) delete data.obstaculo_otro;
    else data.obstaculo_otro = texto;
  });

const trainingChange: fc.Arbitrary<Mutation> = fc
  .tuple(fc.boolean(), fc.constantFrom(undefined, 0, 40, 2000, 2001, 2.5, -1))
  .map(([trained, hours]) => (data: Data) => {
    data.capacitacion_tim = trained;
    if (hours === undefined) delete data.capacitacion_tim_horas;
    else data.capacitacion_tim_horas = hours;
  });

/** dnc-tim submissions: valid ones and near misses. */
export function dncTimAnswersArb(definition: Json): fc.Arbitrary<Data> {
  const mutation = fc.oneof(
    { weight: 3, arbitrary: rowMutation },
    { weight: 3, arbitrary: otherAnswers(definition) },
    { weight: 1, arbitrary: institutionChange },
    { weight: 1, arbitrary: obstacleChange },
    { weight: 1, arbitrary: trainingChange },
  );
  const demo = createDemoGenerator({ definition, needs: buildEntry(definition, "dnc-tim").needs });
  return fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.array(mutation, { maxLength: 3 })).map(([seed, mutations]) => {
    const data = structuredClone(demo.next(seededRng(seed)).data);
    for (const mutate of mutations) mutate(data);
    return data;
  });
}
