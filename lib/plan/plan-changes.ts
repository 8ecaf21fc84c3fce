// "What moved since the plan was saved": the figures a saved plan rested on (a snapshot of the
// draft, only figures that were shown) against the current draft — topics whose MWDS rank or
// quadrant changed, modules whose number of respondents changed, proposals that came or went.
import type { Quadrant } from "../needs/locus-for-focus";
import type { PlanDraft } from "./draft-plan";
import type { PlanEdits } from "./plan-edits";

export interface PlanSnapshot {
  n: number | null;
  topics: Record<string, { rank: number | null; quadrant: Quadrant | null; mwds: number | null; n: number }>;
  /** Module id → its respondents (the largest audience of its topics). */
  modules: Record<string, number>;
  proposed: string[];
}

export function snapshotOf(draft: PlanDraft, edits: PlanEdits): PlanSnapshot {
  const topics: PlanSnapshot["topics"] = {};
  for (const t of draft.topics) {
    if (t.figures) topics[t.topic] = { rank: t.figures.rank, quadrant: t.figures.quadrant, mwds: t.figures.mwds, n: t.figures.n };
  }
  return { n: draft.n, topics, modules: moduleSizes(draft, edits), proposed: draft.modules.map((m) => m.id) };
}

function moduleSizes(draft: PlanDraft, edits: PlanEdits): Record<string, number> {
  const byTopic = new Map(draft.topics.map((t) => [t.topic, t]));
  return Object.fromEntries(edits.modules.map((m) => [m.id, Math.max(0, ...m.topics.map((code) => byTopic.get(code)?.audience.respondents ?? 0))]));
}

export interface TopicChange {
  topic: string;
  before: { rank: number | null; quadrant: Quadrant | null } | null;
  after: { rank: number | null; quadrant: Quadrant | null } | null;
}

export interface PlanChanges {
  nBefore: number | null;
  nAfter: number | null;
  topics: TopicChange[];
  modules: { id: string; before: number; after: number }[];
  /** Proposed now, not when saved. */
  added: string[];
  /** Proposed when saved, not now. */
  removed: string[];
  any: boolean;
}

export function comparePlan(saved: PlanSnapshot, draft: PlanDraft, edits: PlanEdits): PlanChanges {
  const now = snapshotOf(draft, edits);
  const codes = [...new Set([...Object.keys(saved.topics), ...Object.keys(now.topics)])].sort();
  const topics: TopicChange[] = [];
  for (const topic of codes) {
    const a = saved.topics[topic];
    const b = now.topics[topic];
    if (a && b && a.rank === b.rank && a.quadrant === b.quadrant) continue;
    topics.push({ topic, before: a ? { rank: a.rank, quadrant: a.quadrant } : null, after: b ? { rank: b.rank, quadrant: b.quadrant } : null });
  }
  topics.sort((x, y) => (x.after?.rank ?? Infinity) - (y.after?.rank ?? Infinity) || (x.topic < y.topic ? -1 : 1));
  const modules = Object.entries(now.modules)
    .filter(([id, after]) => saved.modules[id] !== undefined && saved.modules[id] !== after)
    .map(([id, after]) => ({ id, before: saved.modules[id] as number, after }));
  const added = now.proposed.filter((id) => !saved.proposed.includes(id));
  const removed = saved.proposed.filter((id) => !now.proposed.includes(id));
  const any = saved.n !== now.n || topics.length > 0 || modules.length > 0 || added.length > 0 || removed.length > 0;
  return { nBefore: saved.n, nAfter: now.n, topics, modules, added, removed, any };
}
