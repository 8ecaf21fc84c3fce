// /admin/users/{id} – one coordinator account (admins): name, role, active, password reset.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/app/_server/auth";
import { pageLocale } from "@/app/_server/locale";
import { getDb } from "@/db/client";
import { getUserById } from "@/db/queries/users";
import { formatPeruDateTime } from "@/lib/time/lima-time";
import { UserEditForm } from "./user-edit-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.users"))("title") };
}

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: idParam } = await params;
  await requireUser("admin", `/admin/users/${encodeURIComponent(idParam)}`);
  const id = /^\d{1,12}$/.test(idParam) ? Number(idParam) : NaN;
  const user = Number.isSafeInteger(id) ? await getUserById(await getDb(), id) : undefined;
  if (!user) notFound();
  const t = await getTranslations("admin.users");
  const locale = await pageLocale();
  return (
    <div>
      <p>
        <Link href="/admin/users">← {t("editPage.back")}</Link>
      </p>
      <h1>{user.email}</h1>
      <p className="muted">
        {t(`roleName.${user.role}`)} · {user.active ? t("active") : t("inactive")} · {t("lastLogin")}:{" "}
        {user.lastLoginAt ? formatPeruDateTime(user.lastLoginAt, locale) : t("never")}
      </p>
      <UserEditForm user={{ id: user.id, name: user.name, role: user.role, active: user.active }} />
    </div>
  );
}
