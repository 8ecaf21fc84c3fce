// The paired ratings of a declared needs matrix, drawn with the structure a real assessment shows,
// so that the dashboard has something to say: each group of the first breakdown cares most about a
// few "focus" topics of its own (higher importance), a few topics are hard for everyone (lower
// competence), respondents differ in overall competence, and some mark a topic not applicable.
// Everything is read from the needs declaration: topics, scale, groups, which columns are which.
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
}

const NOT_APPLICABLE_SHARE = 0.05;
/** Points of [0, 1] on the scale: importance is mostly high, competence middling. */
const IMPORTANCE = { usual: 0.6, focus: 0.88 };
const COMPETENCE = { usual: 0.48, hard: 0.22 };
const NOISE = 0.6;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function needsRatingPlan(declaration: NeedsDeclaration): NeedsRatingPlan {
  const codes = declaration.topics.map((t) => t.code);
  const scale = declaration.scale.values;
  const order = shuffle(seededRng(hashString(`topics:${declaration.matrix}`)), codes);
  const hard = new Set(order.slice(-Math.max(1, Math.min(4, Math.round(codes.length * 0.2)))));
  // Consecutive groups of the first breakdown get consecutive slices of `order`: different focus
  // topics for different groups (they wrap around when there are more groups than topics).
  const focusCount = Math.max(1, Math.min(5, Math.round(codes.length * 0.25)));
  const groups = declaration.breakdowns[0]?.choices.map((c) => c.value) ?? [];
  const focusCache = new Map<string, Set<string>>();
  const focusOf = (group: string) => {
    let focus = focusCache.get(group);
    if (!focus) {
      const index = groups.indexOf(group);
      const start = (index >= 0 ? index : hashString(group)) * focusCount;
      focus = new Set(group === "" ? [] : Array.from({ length: focusCount }, (_, j) => order[(start + j) % order.length] as string));
      focusCache.set(group, focus);
    }
    return focus;
  };
  /** A point of [0, 1] on the declared scale (1–4, 1–5, 1–7…). */
  const onScale = (x: number) => scale[Math.round(clamp01(x) * (scale.length - 1))] as number;
  /** Triangular noise: mostly small, now and then reaching the ends of the scale. */
  const noise = (rng: Rng) => (rng() + rng() - 1) * NOISE;
  const canSkip = declaration.notApplicable !== null;

  return {
    draw(rng, group) {
      const focus = focusOf(group);
      // How much this respondent knows overall: the ratings of one person move together.
      const level = (rng() - 0.5) * 0.3;
      const ratings = new Map<string, TopicRating>();
      for (const code of codes) {
        const notApplicable = canSkip && rng() < NOT_APPLICABLE_SHARE;
        const importance = onScale((focus.has(code) ? IMPORTANCE.focus : IMPORTANCE.usual) + noise(rng));
        const competence = onScale((hard.has(code) ? COMPETENCE.hard : COMPETENCE.usual) + level + noise(rng));
        ratings.set(code, { notApplicable, importance, competence });
      }
      return ratings;
    },
  };
}
