// The needs figures exactly as the API and the dashboard show them: SQL GROUP BY sums from
// need_ratings, then the pure Borich / Locus for Focus / suppression code in lib/needs.
import { badRequest } from "@/lib/http/app-error";
import { UNIT_BREAKDOWN, type NeedsDeclaration } from "@/lib/needs/declaration";
import type { NeedsFilters, NeedsQuery } from "@/lib/needs/filters";
import { buildNeedsReport, type NeedsReport } from "@/lib/needs/needs-report";
import { viewSuppression } from "@/lib/needs/suppression";
import type { Db } from "../client";
import { withoutDimension, type ResolvedFilters } from "./filter-terms";
import { countCompleted, countCompletedByGroup, listNeedSums, resolveUnit, type NeedsTable } from "./needs";
import { ensureDimensionSlots } from "./survey-dimensions";

export interface NeedsSurvey extends NeedsTable {
  /** Topic codes in survey order. */
  topics: readonly string[];
  /** The declared breakdowns, and the display order of each one's groups (its choice order). */
  breakdowns: readonly { name: string; order: readonly string[] }[];
}

/** Resolves the unit filter (id or code) to an id; an unknown unit is a 400. */
export function resolveFilters(db: Db, filters: NeedsFilters): ResolvedFilters {
  const { from, to, [UNIT_BREAKDOWN]: unit, ...values } = filters;
  const resolved: ResolvedFilters = { values, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  if (unit === undefined) return resolved;
  const unitId = resolveUnit(db, unit);
  if (unitId === undefined) throw badRequest("unknown_unit", `There is no unit "${unit}".`);
  return { ...resolved, unitId };
}

function selectedValue(f: ResolvedFilters, name: string): string | undefined {
  if (name === UNIT_BREAKDOWN) return f.unitId === undefined ? undefined : String(f.unitId);
  return f.values[name];
}

/**
 * For each filter that picks one value of a breakdown, that breakdown's group sizes under the
 * other filters (so a filter cannot reveal a group the breakdown hides).
 */
export function listSelections(db: Db, survey: NeedsSurvey, filters: ResolvedFilters) {
  return survey.breakdowns.flatMap(({ name }) => {
    const value = selectedValue(filters, name);
    if (value === undefined) return [];
    const breakdown = countCompletedByGroup(db, survey, name, withoutDimension(filters, name)).map((g) => ({
      key: g.group ?? "\u0000",
      n: g.n,
    }));
    return [{ value, breakdown }];
  });
}

/**
 * The completed responses a filtered view covers, and why it must show nothing (a filter below k,
 * or one selecting a group its breakdown hides), or null when it may be shown.
 */
export function getViewVerdict(db: Db, survey: NeedsSurvey, filters: ResolvedFilters, k: number) {
  const n = countCompleted(db, survey, filters);
  return { n, verdict: viewSuppression(n, k, listSelections(db, survey, filters)) };
}

export function getNeedsReport(db: Db, survey: NeedsSurvey, query: NeedsQuery, k: number): NeedsReport {
  const filters = resolveFilters(db, query.filters);
  const rows = listNeedSums(db, survey, query.by, filters);
  return buildNeedsReport({
    k,
    by: query.by,
    filters: query.filters,
    topics: survey.topics,
    rows,
    groupOrder: survey.breakdowns.find((b) => b.name === query.by)?.order,
    selections: listSelections(db, survey, filters),
  });
}

/** The survey's topics and breakdowns with their storage slots (given on first use). */
export function needsSurveyOf(db: Db, slug: string, declaration: NeedsDeclaration): NeedsSurvey {
  const names = declaration.breakdowns.filter((b) => b.kind === "question").map((b) => b.name);
  return {
    slug,
    slots: ensureDimensionSlots(db, slug, names),
    topics: declaration.topics.map((t) => t.code),
    breakdowns: declaration.breakdowns.map((b) => ({ name: b.name, order: b.choices.map((c) => c.value) })),
  };
}
