// The needs figures exactly as the API and the dashboard show them: SQL GROUP BY sums from
// need_ratings, then the pure Borich / Locus for Focus / suppression code in lib/needs.
import { badRequest } from "@/lib/http/app-error";
import type { Dimension, NeedsFilters, NeedsQuery } from "@/lib/needs/filters";
import { buildNeedsReport, type NeedsReport } from "@/lib/needs/needs-report";
import { viewSuppression } from "@/lib/needs/suppression";
import type { Db } from "../client";
import { countCompleted, countCompletedByGroup, listNeedSums, resolveUnit, type ResolvedFilters } from "./needs";

export interface NeedsSurvey {
  slug: string;
  /** Topic codes in survey order. */
  topics: readonly string[];
  /** Display order of the groups of each dimension (e.g. the survey's choice order). */
  groupOrder?: Partial<Record<Dimension, readonly string[]>>;
}

/** Resolves the unit filter (id or code) to an id; an unknown unit is a 400. */
export function resolveFilters(db: Db, filters: NeedsFilters): ResolvedFilters {
  const { unit, ...rest } = filters;
  if (unit === undefined) return rest;
  const unitId = resolveUnit(db, unit);
  if (unitId === undefined) throw badRequest("unknown_unit", `There is no unit "${unit}".`);
  return { ...rest, unitId };
}

const SELECTING: readonly Dimension[] = ["institucion", "region", "cargo_categoria", "anios_casos", "unit"];

function selectedValue(f: ResolvedFilters, dim: Dimension): string | undefined {
  return dim === "unit" ? (f.unitId === undefined ? undefined : String(f.unitId)) : f[dim];
}

function without(f: ResolvedFilters, dim: Dimension): ResolvedFilters {
  const copy = { ...f };
  if (dim === "unit") delete copy.unitId;
  else delete copy[dim];
  return copy;
}

/**
 * For each filter that picks one value of a dimension, that dimension's group sizes under the
 * other filters (so a filter cannot reveal a group the breakdown hides).
 */
export function listSelections(db: Db, slug: string, filters: ResolvedFilters) {
  return SELECTING.flatMap((dim) => {
    const value = selectedValue(filters, dim);
    if (value === undefined) return [];
    const breakdown = countCompletedByGroup(db, slug, dim, without(filters, dim)).map((g) => ({
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
export function getViewVerdict(db: Db, slug: string, filters: ResolvedFilters, k: number) {
  const n = countCompleted(db, slug, filters);
  return { n, verdict: viewSuppression(n, k, listSelections(db, slug, filters)) };
}

export function getNeedsReport(db: Db, survey: NeedsSurvey, query: NeedsQuery, k: number): NeedsReport {
  const filters = resolveFilters(db, query.filters);
  const rows = listNeedSums(db, survey.slug, query.by, filters);
  return buildNeedsReport({
    k,
    by: query.by,
    filters: query.filters,
    topics: survey.topics,
    rows,
    groupOrder: survey.groupOrder?.[query.by],
    selections: listSelections(db, survey.slug, filters),
  });
}
