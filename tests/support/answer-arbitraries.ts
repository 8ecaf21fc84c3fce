// fast-check generators of answers for any SurveyJS definition, read from its JSON. Each question
// gets "good" answers (its choices, numbers within its bounds, texts that pass its validators) and
// "bad" ones (out of range, off-step, failing validators, blank, partial rankings); a noise level
// drawn per submission decides how many answers are bad or missing, so the generated submissions
// range from valid to thoroughly wrong, and answers to hidden questions appear when a condition
// hides what the generator answered. Used by the differential test of the compiled validator.
import fc from "fast-check";

type Json = Record<string, any>;
type Arb = fc.Arbitrary<unknown>;
interface Domain {
  good: Arb;
  bad: Arb;
}

const BAD_TEXTS = ["", "  ", "a", "abc1", "12", "007", "x".repeat(11), "ana@", "a b@c.pe", "AB-123"];

function choiceValues(items: unknown[] | undefined): unknown[] {
  return (items ?? []).map((c) => (c !== null && typeof c === "object" ? (c as Json).value : c));
}

function validator(q: Json, type: string): Json | undefined {
  return ((q.validators ?? []) as Json[]).find((v) => v.type === type);
}

function numberDomain(q: Json): Domain {
  const numeric = validator(q, "numeric");
  const lo = Math.max(q.min ?? -Infinity, numeric?.minValue ?? -Infinity, -5);
  const hi = Math.min(q.max ?? Infinity, numeric?.maxValue ?? Infinity, 150);
  const step = typeof q.step === "number" ? q.step : 1;
  const steps = Math.floor((hi - lo) / step);
  const edges = [q.min, q.max, numeric?.minValue, numeric?.maxValue].filter((b): b is number => typeof b === "number");
  return {
    good: fc.integer({ min: 0, max: steps }).map((k) => lo + k * step),
    bad: fc.constantFrom(-1, 0.3, 2.5, ...edges.flatMap((b) => [b - 1, b + 1, b + 0.25])),
  };
}

function textDomain(q: Json): Domain {
  if (q.inputType === "number") return numberDomain(q);
  const regex = validator(q, "regex");
  const length = validator(q, "text");
  let good: Arb = fc.constantFrom("Cusco", "Tacna – Perú", "ana", "ABC-12");
  if (regex) good = fc.stringMatching(new RegExp(regex.regex as string), { maxLength: 12 });
  else if (q.inputType === "email" || validator(q, "email")) good = fc.constantFrom("ana@example.org", "j.perez@mininter.gob.pe");
  else if (length) {
    const min = length.minLength ?? 1;
    good = fc.string({ unit: fc.constantFrom("a", "b", "ñ", "Z"), minLength: min, maxLength: length.maxLength || min + 5 });
  }
  return { good, bad: fc.oneof(fc.constantFrom(...BAD_TEXTS), fc.string({ maxLength: 5 })) };
}

function specialValues(q: Json): unknown[] {
  return [...(q.showOtherItem ? ["other"] : []), ...(q.showNoneItem ? ["none"] : [])];
}

function ratingValues(q: Json): unknown[] {
  if (Array.isArray(q.rateValues) && q.rateValues.length > 0) return choiceValues(q.rateValues);
  const out: number[] = [];
  for (let v = q.rateMin ?? 1; v <= (q.rateMax ?? 5); v += q.rateStep ?? 1) out.push(v);
  return out;
}

/** Good and bad answers to one question (or matrix cell); nested answers get the same noise. */
export function questionDomain(q: Json, noise: number, matrixCellType = "dropdown"): Domain {
  const type = q.cellType && q.cellType !== "default" ? q.cellType : (q.type ?? matrixCellType);
  const choices = choiceValues(q.choices);
  switch (type) {
    case "text":
      return textDomain(q);
    case "comment":
      return { good: fc.constantFrom("Necesitamos más práctica.", "ok"), bad: fc.constantFrom("", " ", "\n") };
    case "boolean": {
      const t = q.valueTrue ?? true;
      const f = q.valueFalse ?? false;
      return { good: fc.constantFrom(t, f), bad: fc.constantFrom(...new Set([true, false, t, f])) };
    }
    case "rating":
      return { good: fc.constantFrom(...ratingValues(q)), bad: fc.constantFrom(...ratingValues(q)) };
    case "radiogroup":
    case "dropdown":
      return { good: fc.constantFrom(...choices), bad: fc.constantFrom(...choices, ...specialValues(q)) };
    case "checkbox":
    case "tagbox": {
      const count = validator(q, "answercount");
      const min = Math.min(Math.max(q.minSelectedChoices ?? 1, count?.minCount ?? 1), choices.length);
      const max = Math.min(q.maxSelectedChoices ?? choices.length, count?.maxCount ?? choices.length);
      return {
        good: fc.shuffledSubarray(choices, { minLength: min, maxLength: Math.max(min, max) }),
        bad: fc.subarray([...choices, ...specialValues(q)]),
      };
    }
    case "ranking":
      return { good: fc.shuffledSubarray(choices, { minLength: choices.length }), bad: fc.shuffledSubarray(choices) };
    case "matrixdropdown": {
      const rows = choiceValues(q.rows).map(String);
      const row = rowArb(q, noise);
      return {
        good: fc.tuple(...rows.map(() => row)).map((values) => Object.fromEntries(rows.map((r, i) => [r, values[i]]))),
        bad: fc.record(Object.fromEntries(rows.map((r) => [r, row])), { requiredKeys: [] }),
      };
    }
    case "matrixdynamic":
      return { good: fc.array(rowArb(q, noise), { minLength: 1, maxLength: 2 }), bad: fc.array(rowArb(q, noise), { maxLength: 3 }) };
    case "paneldynamic": {
      const panel = answersOf((q.templateElements ?? []) as Json[], noise);
      return { good: fc.array(panel, { minLength: 1, maxLength: 3 }), bad: fc.array(panel, { maxLength: 3 }) };
    }
    default:
      throw new Error(`no generator for question type ${String(type)}`);
  }
}

/** How wrong a submission is: the chance that an answer is bad, and that it is missing. */
const NOISE = fc.constantFrom(0, 0, 0.05, 0.1, 0.2, 0.4, 0.8);

function noisy(domain: Domain, noise: number): Arb {
  return fc
    .tuple(
      fc.noBias(fc.integer({ min: 0, max: 999 })).map((n) => n / 1000),
      domain.good,
      domain.bad,
    )
    .map(([roll, good, bad]) => (roll < noise / 2 ? undefined : roll < noise ? bad : good));
}

function withoutUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function rowArb(matrix: Json, noise: number): fc.Arbitrary<Record<string, unknown>> {
  const cellType = matrix.cellType ?? "dropdown";
  const cells = (matrix.columns as Json[]).map((c) => [c.name as string, noisy(questionDomain(c, noise, cellType), noise)]);
  return fc.record(Object.fromEntries(cells)).map(withoutUndefined);
}

/** All questions of a list of elements (panels flattened, html left out), in order. */
export function questionsOf(elements: Json[]): Json[] {
  return elements.flatMap((e) =>
    e.type === "panel" ? questionsOf((e.elements ?? []) as Json[]) : e.type === "html" || e.type === "image" ? [] : [e],
  );
}

function answersOf(elements: Json[], noise: number): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, Arb> = {};
  for (const q of questionsOf(elements)) {
    const key = (q.valueName ?? q.name) as string;
    fields[key] = noisy(questionDomain(q, noise), noise);
    if (q.showOtherItem) {
      fields[`${key}-Comment`] = noisy({ good: fc.constant("Mi respuesta"), bad: fc.constantFrom("", "  ") }, 0.5 + noise / 2);
    }
  }
  return fc.record(fields).map(withoutUndefined);
}

/** Answers to every question of a definition: valid ones, wrong ones, missing ones. */
export function answersArb(definition: Json): fc.Arbitrary<Record<string, unknown>> {
  const pages = (definition.pages ?? [{ elements: definition.elements }]) as Json[];
  const elements = pages.flatMap((p) => (p.elements ?? []) as Json[]);
  return NOISE.chain((noise) => answersOf(elements, noise));
}

function deletePath(data: Record<string, unknown>, path: string): void {
  const parts = path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "");
  let node: unknown = data;
  for (const part of parts.slice(0, -1)) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  const last = parts[parts.length - 1];
  if (node && typeof node === "object" && last !== undefined) delete (node as Record<string, unknown>)[last];
}

/**
 * Drops the answers `findHidden` names (answers to hidden questions, cells or options) until none
 * are left, so that conditional questions get consistent answers more often than by chance.
 */
export function withoutHidden(data: Record<string, unknown>, findHidden: (data: Record<string, unknown>) => string[]): Record<string, unknown> {
  const copy = structuredClone(data);
  for (let round = 0; round < 6; round++) {
    const paths = findHidden(copy);
    if (paths.length === 0) break;
    for (const path of paths) deletePath(copy, path);
  }
  return copy;
}
