// /admin/audit – the audit log (admins): newest first, filter by action, person and dates, paged.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/app/_server/auth";
import { pageLocale } from "@/app/_server/locale";
import { getDb } from "@/db/client";
import { listAudit, listAuditFacets } from "@/db/queries/audit";
import { AUDIT_PAGE_SIZE, auditBounds, auditHref, parseAuditQuery } from "@/lib/audit/audit-query";
import { formatAuditDetails } from "@/lib/audit/audit-details";
import { formatPeruDateTime } from "@/lib/time/lima-time";
import { TableWrap } from "@/app/admin/table-wrap";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.audit"))("title") };
}

const FAMILIES = ["auth", "user", "unit", "survey", "export"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser("admin", "/admin/audit");
  const q = parseAuditQuery(await searchParams);
  const t = await getTranslations("admin.audit");
  const tc = await getTranslations("admin.common");
  const locale = await pageLocale();
  const db = await getDb();
  const facets = await listAuditFacets(db);
  const { rows, total } = await listAudit(
    db,
    { action: q.action, actor: q.actor, ...auditBounds(q) },
    {
      limit: AUDIT_PAGE_SIZE,
      offset: (q.page - 1) * AUDIT_PAGE_SIZE,
    },
  );
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  return (
    <div>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <form method="get" action="/admin/audit" className="card" aria-label={t("filter")}>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="audit-action">{t("action")}</label>
            <select id="audit-action" name="action" defaultValue={q.action ?? ""}>
              <option value="">{t("all")}</option>
              {FAMILIES.map((f) => (
                <option key={f} value={`${f}.*`}>
                  {t(`families.${f}`)}
                </option>
              ))}
              {facets.actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-actor">{t("actor")}</label>
            <select id="audit-actor" name="actor" defaultValue={q.actor ?? ""}>
              <option value="">{t("allUsers")}</option>
              {facets.actors.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-from">{t("from")}</label>
            <input id="audit-from" name="from" type="date" defaultValue={q.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="audit-to">{t("to")}</label>
            <input id="audit-to" name="to" type="date" defaultValue={q.to ?? ""} />
          </div>
        </div>
        <div className="actions">
          <button type="submit">{t("filter")}</button>
          <Link href="/admin/audit">{t("clear")}</Link>
        </div>
      </form>
      <TableWrap label={t("title")}>
        <table className="data" data-testid="audit-table">
          <caption>{t("count", { count: total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("at")}</th>
              <th scope="col">{t("actor")}</th>
              <th scope="col">{t("action")}</th>
              <th scope="col">{t("target")}</th>
              <th scope="col">{t("details")}</th>
              <th scope="col">{t("ip")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td style={{ whiteSpace: "nowrap" }}>{formatPeruDateTime(r.at, locale)}</td>
                <td>{r.actor}</td>
                <td className="mono nowrap">{r.action}</td>
                <td>{r.target ?? "—"}</td>
                <td className="small-text audit-details">{formatAuditDetails(r.details)}</td>
                <td className="mono small-text nowrap">{r.ip ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {pages > 1 && (
        <nav className="pagination" aria-label={tc("pageOf", { page: q.page, pages })}>
          {q.page > 1 && <Link href={auditHref(q, { page: q.page - 1 })}>← {tc("previous")}</Link>}
          <span>{tc("pageOf", { page: q.page, pages })}</span>
          {q.page < pages && <Link href={auditHref(q, { page: q.page + 1 })}>{tc("next")} →</Link>}
        </nav>
      )}
    </div>
  );
}
