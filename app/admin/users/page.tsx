// /admin/users – coordinator accounts (admins): list, roles, add.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/app/_server/auth";
import { pageLocale } from "@/app/_server/locale";
import { getDb } from "@/db/client";
import { listUsers } from "@/db/queries/users";
import { formatPeruDateTime } from "@/lib/time/lima-time";
import { UserCreateForm } from "./user-create-form";
import { TableWrap } from "@/app/admin/table-wrap";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.users"))("title") };
}

export default async function UsersPage() {
  const me = await requireUser("admin", "/admin/users");
  const t = await getTranslations("admin.users");
  const locale = await pageLocale();
  const users = await listUsers(await getDb());
  return (
    <div>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <TableWrap label={t("title")}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("email")}</th>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("lastLogin")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className={u.active ? undefined : "is-inactive"}>
                <td>
                  <Link href={`/admin/users/${u.id}`}>{u.email}</Link> {u.id === me.id && <span className="muted">{t("you")}</span>}
                </td>
                <td>{u.name || "—"}</td>
                <td>{t(`roleName.${u.role}`)}</td>
                <td>
                  <span className={`badge ${u.active ? "ok" : "off"}`}>{u.active ? t("active") : t("inactive")}</span>
                </td>
                <td>{u.lastLoginAt ? formatPeruDateTime(u.lastLoginAt, locale) : t("never")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <section className="card">
        <UserCreateForm />
      </section>
    </div>
  );
}
