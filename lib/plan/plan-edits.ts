// The coordinator's edits of a plan draft (accept or drop, merge, rename, reorder, places, months,
// notes), checked with zod against the survey's topics and choices, and the plan they make when
// applied to the current draft: the edits are what is saved; the figures always come from the data.
import { z } from "zod";
import type { Audience, PlanDraft, TopicPlan } from "./draft-plan";

export const MAX_NOTE = 4000;
export const MAX_TITLE = 200;

export interface EditVocabulary {
  topics: readonly string[];
  /** Values of the sites breakdown ([] without sites). */
  sites: readonly string[];
  /** Values of the months question ([] without one). */
  months: readonly string[];
}

export function planEditsSchema(v: EditVocabulary) {
  const oneOf = (values: readonly string[], what: string) =>
    z.string().refine((x) => values.includes(x), { message: `must be one of the survey's ${what}: ${values.join(", ")}` });
  const module = z
    .object({
      id: z.string().regex(/^[A-Za-z0-9_+.-]{1,200}$/, { message: "must be letters, digits, _ + . or -" }),
      topics: z.array(oneOf(v.topics, "topics")).min(1).max(v.topics.length),
      title: z.string().trim().max(MAX_TITLE).nullable(),
      accepted: z.boolean(),
      places: z.array(oneOf(v.sites, "sites")).max(Math.max(v.sites.length, 0)).nullable(),
      months: z.array(oneOf(v.months, "months")).max(Math.max(v.months.length, 0)).nullable(),
      notes: z.string().max(MAX_NOTE),
    })
    .strict();
  return z
    .object({
      modules: z.array(module).max(v.topics.length),
      notes: z.string().max(MAX_NOTE),
    })
    .strict()
    .superRefine((edits, ctx) => {
      const seenIds = new Set<string>();
      const seenTopics = new Set<string>();
      edits.modules.forEach((m, i) => {
        if (seenIds.has(m.id)) ctx.addIssue({ code: "custom", path: ["modules", i, "id"], message: `module id "${m.id}" is used twice` });
        seenIds.add(m.id);
        for (const t of m.topics) {
          if (seenTopics.has(t)) ctx.addIssue({ code: "custom", path: ["modules", i, "topics"], message: `topic ${t} is in two modules` });
          seenTopics.add(t);
        }
      });
    });
}

export type PlanEdits = z.infer<ReturnType<typeof planEditsSchema>>;
export type ModuleEdit = PlanEdits["modules"][number];

/** The edits that accept the draft as proposed. */
export function initialEdits(draft: PlanDraft): PlanEdits {
  return {
    modules: draft.modules.map((m) => ({ id: m.id, topics: [m.topic], title: null, accepted: true, places: null, months: null, notes: "" })),
    notes: "",
  };
}

/** Merges module `from` into module `into` (topics appended, the first's title and notes kept). */
export function mergeModules(edits: PlanEdits, into: string, from: string): PlanEdits {
  const a = edits.modules.find((m) => m.id === into);
  const b = edits.modules.find((m) => m.id === from);
  if (!a || !b || a === b) return edits;
  const merged: ModuleEdit = {
    ...a,
    id: `${a.id}+${b.id}`.slice(0, 200),
    topics: [...a.topics, ...b.topics],
    notes: [a.notes, b.notes].filter(Boolean).join("\n"),
    places: a.places ?? b.places,
    months: a.months ?? b.months,
  };
  return { ...edits, modules: edits.modules.flatMap((m) => (m === a ? [merged] : m === b ? [] : [m])) };
}

export interface PlanModule {
  id: string;
  title: string | null;
  accepted: boolean;
  /** The module's topics with their current figures (those below k have figures null). */
  topics: TopicPlan[];
  scope: "core" | "specific";
  /** The group of an institution-specific module. */
  group: string | null;
  /** Per site and per group: the largest audience among the module's topics (who share at least one). */
  audience: Audience;
  /** Chosen places, or the suggested sites when none were chosen. */
  places: string[];
  placesChosen: boolean;
  /** Chosen months, or the months most respondents can attend. */
  months: string[];
  monthsChosen: boolean;
  notes: string;
  /** Whether some figures of it are shown (a module built from fewer than k people is not). */
  shown: boolean;
  /** Whether the current draft still proposes each of its topics. */
  stillProposed: boolean;
}

export interface TrainingPlan {
  modules: PlanModule[];
  /** Modules the current draft proposes that the saved edits do not contain (new since saved). */
  newProposals: string[];
  notes: string;
}

function mergedAudience(topics: readonly TopicPlan[]): Audience {
  if (topics.length === 1) return (topics[0] as TopicPlan).audience;
  const sites = new Map<string, { respondents: number; officials: number | null }>();
  const groups = new Map<string | null, number>();
  for (const t of topics) {
    for (const s of t.audience.sites) {
      const prev = sites.get(s.site);
      if (!prev || s.respondents > prev.respondents) sites.set(s.site, { respondents: s.respondents, officials: s.officials });
    }
    for (const g of t.audience.byGroup) groups.set(g.group, Math.max(groups.get(g.group) ?? 0, g.respondents));
  }
  const siteList = [...sites.entries()].map(([site, v]) => ({ site, ...v })).sort((a, b) => b.respondents - a.respondents);
  const order = topics[0]?.audience.byGroup.map((g) => g.group) ?? [];
  const byGroup = [...groups.entries()]
    .map(([group, respondents]) => ({ group, respondents }))
    .sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
  const respondents = Math.max(0, ...topics.map((t) => t.audience.respondents));
  return { cells: [], sites: siteList, byGroup, respondents, suggested: siteList.slice(0, 3).map((s) => s.site) };
}

/** The plan: the saved edits over the current draft's figures. */
export function applyEdits(draft: PlanDraft, edits: PlanEdits, bestMonths: readonly string[]): TrainingPlan {
  const byTopic = new Map(draft.topics.map((t) => [t.topic, t]));
  const proposed = new Map(draft.modules.map((m) => [m.topic, m]));
  const modules: PlanModule[] = edits.modules.map((e) => {
    const topics = e.topics.flatMap((code) => (byTopic.has(code) ? [byTopic.get(code) as TopicPlan] : []));
    const proposals = e.topics.map((code) => proposed.get(code));
    const specific = proposals.length === 1 && proposals[0]?.scope === "specific" ? proposals[0] : null;
    const audience = mergedAudience(topics);
    return {
      id: e.id,
      title: e.title || null,
      accepted: e.accepted,
      topics,
      scope: specific ? "specific" : "core",
      group: specific?.group ?? null,
      audience,
      places: e.places ?? audience.suggested,
      placesChosen: e.places !== null,
      months: e.months ?? [...bestMonths],
      monthsChosen: e.months !== null,
      notes: e.notes,
      shown: topics.some((t) => t.figures !== null),
      stillProposed: proposals.every(Boolean),
    };
  });
  const inEdits = new Set(edits.modules.flatMap((m) => m.topics));
  return { modules, newProposals: draft.modules.filter((m) => !inEdits.has(m.topic)).map((m) => m.id), notes: edits.notes };
}
