// /admin/units – the distribution list (admins): every unit, add one, import a CSV.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/app/_server/auth";
import { pageLocale } from "@/app/_server/locale";
import { getDb } from "@/db/client";
import { listUnits } from "@/db/queries/units";
import { PERU_REGIONS, regionLabel } from "@/lib/units/regions";
import { UnitForm } from "./unit-form";
import { UnitsImportForm } from "./units-import-form";
import { TableWrap } from "@/app/admin/table-wrap";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.units"))("title") };
}

export default async function UnitsPage() {
  await requireUser("admin", "/admin/units");
  const t = await getTranslations("admin.units");
  const tc = await getTranslations("admin.common");
  const locale = await pageLocale();
  const units = await listUnits(await getDb());
  const regions = PERU_REGIONS.map((r) => ({ code: r.code, label: r[locale] }));
  const activeCount = units.filter((u) => u.active).length;
  return (
    <div>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <p className="actions no-print">
        <a className="button" href="#add-unit-title">
          {t("add.title")}
        </a>
        <a className="button secondary" href="#import-title">
          {t("import.title")}
        </a>
      </p>
      {units.some((u) => u.isSample) && <p className="notice warn">{t("sampleNote")}</p>}
      <TableWrap label={t("title")}>
        <table className="data">
          <caption>{t("count", { count: units.length, active: activeCount })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("code")}</th>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("institution")}</th>
              <th scope="col">{t("region")}</th>
              <th scope="col" className="num">
                {t("expected")}
              </th>
              <th scope="col">{t("status")}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.id} className={u.active ? undefined : "is-inactive"}>
                <td className="mono">
                  <Link href={`/admin/units/${u.id}`}>{u.code}</Link>
                </td>
                <td>
                  <Link href={`/admin/units/${u.id}`}>{u.name}</Link> {u.isSample && <span className="badge sample">{t("sample")}</span>}
                </td>
                <td>{u.institution}</td>
                <td>{regionLabel(u.region, locale)}</td>
                <td className="num">{u.expected}</td>
                <td>
                  <span className={`badge ${u.active ? "ok" : "off"}`}>{u.active ? tc("active") : tc("inactive")}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <div className="grid-2">
        <section className="card" aria-labelledby="add-unit-title">
          <h2 id="add-unit-title">{t("add.title")}</h2>
          <UnitForm mode="create" regions={regions} />
        </section>
        <section className="card">
          <UnitsImportForm />
        </section>
      </div>
    </div>
  );
}
