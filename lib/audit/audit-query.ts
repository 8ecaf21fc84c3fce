// The audit page's URL parameters (?action=&actor=&from=&to=&page=), read leniently.
import { peruDayStartIso } from "../time/lima-time";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditQuery {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  page: number;
}

function first(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() || undefined;
}

export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  const action = first(params.action);
  const actor = first(params.actor);
  const from = first(params.from);
  const to = first(params.to);
  const page = Number(first(params.page) ?? "1");
  return {
    action: action && /^[a-z_]+(\.[a-z_]+|\.\*)?$/.test(action) ? action : undefined,
    actor: actor && actor.length <= 320 ? actor : undefined,
    from: from && peruDayStartIso(from) ? from : undefined,
    to: to && peruDayStartIso(to) ? to : undefined,
    page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** The filter as database bounds: from the start of `from` to the end of `to`, Peru days. */
export function auditBounds(q: AuditQuery): { fromIso?: string; toIso?: string } {
  return {
    fromIso: q.from ? peruDayStartIso(q.from) : undefined,
    toIso: q.to ? peruDayStartIso(q.to, 1) : undefined,
  };
}

/** The query string of `q` with some parameters replaced (for pagination links). */
export function auditHref(q: AuditQuery, changes: Partial<AuditQuery>): string {
  const merged = { ...q, ...changes };
  const params = new URLSearchParams();
  for (const key of ["action", "actor", "from", "to"] as const) {
    const v = merged[key];
    if (v) params.set(key, v);
  }
  if (merged.page > 1) params.set("page", String(merged.page));
  const s = params.toString();
  return s ? `/admin/audit?${s}` : "/admin/audit";
}
