// The paired ratings of a declared needs matrix, drawn with the structure a real assessment shows,
// so that the dashboard has something to say: each group of the first breakdown cares most about a
// few "focus" topics of its own (higher importance), a few topics are hard for everyone (lower
// competence), respondents differ in overall competence, and some mark a topic not applicable.
// Everything is read from the needs declaration: topics, scale, which columns are which.
import type { NeedsDeclaration } from "../needs/declaration";
import { hashString, seededRng, shuffle, type Rng } from "./rng";

export interface TopicRating {
  notApplicable: boolean;
  importance: number;
  competence: number;
}

export interface NeedsRatingPlan {
  /** The ratings of one respondent of `group` (the first breakdown's value, "" if none). */
  draw(rng: Rng, group: string): Map<string, TopicRating>;
  /** The focus topics of a group (for tests and docs). */
  focusOf(group: string): ReadonlySet<string>;
  hard: ReadonlySet<string>;
}

const NOT_APPLICABLE_SHARE = 0.05;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function someTopics(codes: readonly string[], seedKey: string, share: number, most: number): Set<string> {
  const count = Math.max(1, Math.min(most, Math.round(codes.length * share)));
  return new Set(shuffle(seededRng(hashString(seedKey)), codes).slice(0, Math.min(count, codes.length)));
}

export function needsRatingPlan(declaration: NeedsDeclaration): NeedsRatingPlan {
  const codes = declaration.topics.map((t) => t.code);
  const scale = declaration.scale.values;
  const hard = someTopics(codes, `hard:${declaration.matrix}`, 0.2, 4);
  const focusCache = new Map<string, Set<string>>();
  const focusOf = (group: string) => {
    let focus = focusCache.get(group);
    if (!focus) {
      focus = group === "" ? new Set() : someTopics(codes, `focus:${declaration.matrix}:${group}`, 0.25, 5);
      focusCache.set(group, focus);
    }
    return focus;
  };
  /** A point of [0, 1] on the declared scale (1–4, 1–5, 1–7…). */
  const onScale = (x: number) => scale[Math.round(clamp01(x) * (scale.length - 1))] as number;
  const canSkip = declaration.notApplicable !== null;

  return {
    hard,
    focusOf,
    draw(rng, group) {
      const focus = focusOf(group);
      // How much this respondent knows overall: ratings of one person move together.
      const level = (rng() - 0.5) * 0.3;
      const ratings = new Map<string, TopicRating>();
      for (const code of codes) {
        const notApplicable = canSkip && rng() < NOT_APPLICABLE_SHARE;
        const importance = onScale((focus.has(code) ? 0.88 : 0.6) + (rng() - 0.5) * 0.5);
        const competence = onScale((hard.has(code) ? 0.22 : 0.48) + level + (rng() - 0.5) * 0.5);
        ratings.set(code, { notApplicable, importance, competence });
      }
      return ratings;
    },
  };
}
