// The audit log: who did what, when, from where. Entries are only ever appended.
import { and, count, desc, eq, gte, like, lt, sql, type SQL } from "drizzle-orm";
import { type Db, tablesOf } from "../client";
import { transaction } from "../dialect";
import type { auditLog as auditLogTable } from "../schema";

/** Actions written by this codebase; others may add their own (e.g. "export.needs_csv"). */
export type AuditAction =
  | "auth.login"
  | "auth.login_failed"
  | "auth.login_throttled"
  | "auth.logout"
  | "user.create"
  | "user.update"
  | "user.password_reset"
  | "unit.create"
  | "unit.update"
  | "unit.link_regenerated"
  | "unit.import"
  | "survey.open"
  | "survey.close"
  | "survey.import"
  | "survey.upload"
  | "survey.publish"
  | "survey.remove"
  | "demo.remove"
  | "plan.save"
  | "round.create"
  | "round.update"
  | `export.${string}`;

export interface AuditInput {
  /** The signed-in user who acted; null for anonymous events such as a failed sign-in. */
  user: { id: number; email: string } | null;
  /** Who acted when there is no user (e.g. "cli", or the e-mail typed at a failed sign-in). */
  actor?: string;
  action: AuditAction;
  target?: string | null;
  details?: Record<string, unknown> | null;
  ip?: string | null;
}

export async function recordAudit(db: Db, input: AuditInput): Promise<void> {
  const { auditLog } = tablesOf(db);
  await transaction(db, async (tx) => {
    await tx.insert(auditLog).values({
      userId: input.user?.id ?? null,
      actor: (input.user?.email ?? input.actor ?? "anonymous").slice(0, 320),
      action: input.action,
      target: input.target?.slice(0, 500) ?? null,
      details: input.details ? JSON.stringify(input.details) : null,
      ip: input.ip ?? null,
    });
  });
}

export interface AuditFilter {
  /** Exact action, or a family such as "auth.*". */
  action?: string;
  actor?: string;
  /** Inclusive lower and exclusive upper bound, ISO timestamps. */
  fromIso?: string;
  toIso?: string;
}

function where(auditLog: typeof auditLogTable, filter: AuditFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (filter.action) {
    parts.push(
      filter.action.endsWith(".*")
        ? like(auditLog.action, `${filter.action.slice(0, -1).replace(/[%_]/g, "")}%`)
        : eq(auditLog.action, filter.action),
    );
  }
  if (filter.actor) parts.push(eq(auditLog.actor, filter.actor));
  if (filter.fromIso) parts.push(gte(auditLog.at, filter.fromIso));
  if (filter.toIso) parts.push(lt(auditLog.at, filter.toIso));
  return parts.length > 0 ? and(...parts) : undefined;
}

/** One page of entries, newest first, and how many match in all. */
export async function listAudit(db: Db, filter: AuditFilter, page: { limit: number; offset: number }) {
  const { auditLog } = tablesOf(db);
  const condition = where(auditLog, filter);
  const rows = await db.select().from(auditLog).where(condition).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(page.limit).offset(page.offset);
  const [counted] = await db.select({ n: count() }).from(auditLog).where(condition);
  return { rows, total: counted?.n ?? 0 };
}

/** The distinct actions and actors present, for the filter menus. */
export async function listAuditFacets(db: Db): Promise<{ actions: string[]; actors: string[] }> {
  const { auditLog } = tablesOf(db);
  const actions = await db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  const actors = await db
    .select({ v: auditLog.actor })
    .from(auditLog)
    .where(sql`${auditLog.userId} is not null or ${auditLog.actor} = 'cli'`)
    .groupBy(auditLog.actor)
    .orderBy(auditLog.actor);
  return { actions: actions.map((r) => r.v), actors: actors.map((r) => r.v) };
}
