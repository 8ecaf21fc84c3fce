// /admin/units/{id} – one unit (admins): its respondent link and printable QR flyer for each open
// survey, its details, deactivation and a fresh link code.
import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { requireUser } from "@/app/_server/auth";
import { pageLocale } from "@/app/_server/locale";
import { getDb } from "@/db/client";
import { listSurveyStatuses } from "@/db/queries/surveys";
import { getUnitById } from "@/db/queries/units";
import { env } from "@/lib/env";
import { publicBaseUrl, unitSurveyLink } from "@/lib/http/public-url";
import { PERU_REGIONS, regionLabel } from "@/lib/units/regions";
import { localizedText } from "@/lib/surveys/localized-text";
import { listSurveys } from "@/surveys/registry";
import { UnitForm } from "../unit-form";
import { LinkTools } from "./link-tools";
import { UnitActions } from "./unit-actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.units"))("title") };
}

export default async function UnitPage({ params }: Props) {
  const { id: idParam } = await params;
  await requireUser("admin", `/admin/units/${encodeURIComponent(idParam)}`);
  const id = /^\d{1,12}$/.test(idParam) ? Number(idParam) : NaN;
  const db = await getDb();
  const unit = Number.isSafeInteger(id) ? await getUnitById(db, id) : undefined;
  if (!unit) notFound();
  const t = await getTranslations("admin.units");
  const tc = await getTranslations("admin.common");
  // The flyer goes to Peruvian officials: always in Spanish, whatever the coordinator reads.
  const tf = await getTranslations({ locale: "es", namespace: "admin.units.unit" });
  const locale = await pageLocale();
  const base = publicBaseUrl(env().SONDEO_PUBLIC_URL, await headers());
  const statuses = await listSurveyStatuses(db);
  const openSurveys = (await listSurveys()).filter((s) => (statuses.get(s.slug) ?? "open") === "open");
  const flyers = await Promise.all(
    openSurveys.map(async (s) => {
      const url = unitSurveyLink(base, s.slug, unit.linkCode);
      const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
      return { slug: s.slug, title: s.title, org: localizedText(s.definition.description), url, svg };
    }),
  );
  const regions = PERU_REGIONS.map((r) => ({ code: r.code, label: r[locale] }));
  return (
    <div className="print-area-only">
      <div className="no-print">
        <p>
          <Link href="/admin/units">← {t("unit.back")}</Link>
        </p>
        <h1>{unit.name}</h1>
        <p>
          <span className="mono">{unit.code}</span> · {unit.institution} · {regionLabel(unit.region, locale)} ·{" "}
          <span className={`badge ${unit.active ? "ok" : "off"}`}>{unit.active ? tc("active") : tc("inactive")}</span>{" "}
          {unit.isSample && <span className="badge sample">{t("sample")}</span>}
        </p>
      </div>
      <section className="print-area" aria-labelledby="links-title">
        <h2 id="links-title">{t("unit.links")}</h2>
        <p className="muted">{t("unit.linksIntro")}</p>
        {!unit.active && <p className="notice warn">{t("unit.inactiveNote")}</p>}
        {flyers.length === 0 && <p className="notice">{t("unit.noOpenSurveys")}</p>}
        {flyers.map((f) => (
          <div key={f.slug} className="flyer-block">
            <p className="no-print">
              <a href={f.url} className="mono" data-testid="unit-link">
                {f.url}
              </a>
            </p>
            <LinkTools url={f.url} />
            <article className="flyer" lang="es-PE" data-testid="flyer">
              {f.org.es && <p className="flyer__org">{f.org.es}</p>}
              <p className="flyer__call">{tf("flyerCall")}</p>
              <h3 className="flyer__survey">{f.title.es}</h3>
              <p className="flyer__unit">{unit.name}</p>
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the SVG is made by the qrcode library from the unit's link, no user markup */}
              <div className="flyer__qr" role="img" aria-label={tf("qrAlt", { url: f.url })} dangerouslySetInnerHTML={{ __html: f.svg }} />
              <p className="flyer__scan">{tf("flyerScan")}</p>
              <p className="flyer__url">{f.url.replace(/^https?:\/\//, "")}</p>
              <p className="flyer__note">{tf("flyerConfidential")}</p>
            </article>
          </div>
        ))}
      </section>
      <section className="card no-print" aria-labelledby="edit-title">
        <h2 id="edit-title">{t("edit.title")}</h2>
        <UnitForm
          mode="edit"
          unitId={unit.id}
          regions={regions}
          initial={{
            code: unit.code,
            name: unit.name,
            institution: unit.institution,
            region: unit.region,
            expected: unit.expected,
            active: unit.active,
          }}
        />
        <h3>{t("unit.manage")}</h3>
        <UnitActions unitId={unit.id} active={unit.active} />
      </section>
    </div>
  );
}
