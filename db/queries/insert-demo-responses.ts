// Clearly labelled synthetic responses (is_demo = 1, "[DEMO]" texts) to any survey, stored through
// saveResponse as the public API stores them; deterministic for a seed. Used by `npm run demo` and
// benchmarks. The answers come from lib/demo (driven by the survey's definition and declaration).
import { createDemoGenerator } from "@/lib/demo/demo-responses";
import { seededRng } from "@/lib/demo/rng";
import { validateResponseData } from "@/lib/responses/response-validation";
import type { Db } from "../client";
import { listActiveUnitRegions } from "./list-demo-units";
import { saveResponse, type SaveResponseInput } from "./save-response";

export interface DemoInsertOptions {
  /** How many responses to store; with `completeOnly`, how many completed ones. */
  count: number;
  seed: number;
  /** Share of respondents who stopped after a page before the last (stored as partial). */
  partialShare: number;
  completeOnly?: boolean;
  /** Submissions are spread over this many days before `now`. */
  daysBack?: number;
  now?: number;
  /** Validate every n-th response with the API's validator (1 = all, 0 = none). */
  validateEvery?: number;
  /** The survey round they join (default: the round open on each one's date). */
  round?: number;
}

function hex(rng: () => number, len: number): string {
  let s = "";
  for (let i = 0; i < len; i++) s += Math.floor(rng() * 16).toString(16);
  return s;
}

export function insertDemoResponses(db: Db, survey: SaveResponseInput["survey"], options: DemoInsertOptions): { complete: number; partial: number } {
  const units = listActiveUnitRegions(db);
  const unitIds = new Map(units.map((u) => [u.linkCode, u.id]));
  const rng = seededRng(options.seed);
  const now = options.now ?? Date.now();
  const generator = createDemoGenerator(survey, { units, daysBack: options.daysBack, now: options.now });
  let complete = 0;
  let partial = 0;
  db.$client.transaction(() => {
    for (let i = 0; (options.completeOnly ? complete : i) < options.count; i++) {
      const isPartial = rng() < options.partialShare;
      const demo = generator.next(rng, { partial: isPartial });
      const data = demo.data;
      if (options.validateEvery && i % options.validateEvery === 0) {
        const check = validateResponseData(survey.definition, data, { complete: !isPartial, locale: demo.locale });
        if (!check.ok) throw new Error(`demo response ${i} is invalid: ${JSON.stringify(check.issues)}`);
      }
      saveResponse(db, {
        id: `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`,
        survey,
        unitId: demo.unit ? (unitIds.get(demo.unit.linkCode) ?? null) : null,
        locale: demo.locale,
        data,
        complete: !isPartial,
        isDemo: true,
        at: new Date(now - demo.minutesAgo * 60_000).toISOString(),
        round: options.round,
      });
      if (isPartial) partial++;
      else complete++;
    }
  })();
  return { complete, partial };
}
