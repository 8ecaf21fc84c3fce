// /admin/forbidden – where a signed-in analyst lands when a page needs an admin (public).
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export const dynamic = "force-dynamic";

export default async function ForbiddenPage() {
  const t = await getTranslations("admin.forbidden");
  return (
    <div>
      <h1>{t("title")}</h1>
      <p className="lead">{t("body")}</p>
      <p>
        <Link href="/admin">{t("back")}</Link>
      </p>
    </div>
  );
}
