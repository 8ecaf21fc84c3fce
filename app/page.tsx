// The landing page: what Sondeo is, the open surveys, and the way in for coordinators.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listSurveys } from "@/surveys/registry";
import { pageLocale } from "@/app/_server/locale";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const t = await getTranslations("home");
  const locale = await pageLocale();
  const surveys = await listSurveys();
  return (
    <main>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <h2>{t("surveys")}</h2>
      <ul>
        {surveys.map((s) => (
          <li key={s.slug}>
            <Link href={`/s/${s.slug}`}>{s.title[locale]}</Link>
          </li>
        ))}
      </ul>
      <p>
        <Link href="/admin">{t("coordinators")}</Link>
      </p>
    </main>
  );
}
