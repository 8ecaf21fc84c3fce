// /admin/login – the coordinators' sign-in page (public). Signed-in visitors go straight on.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/app/_server/auth";
import { safeNextPath } from "@/lib/http/safe-next-path";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.login"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  if (await currentUser()) redirect(next);
  const t = await getTranslations("admin.login");
  return (
    <div className="login-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <LoginForm next={next} />
    </div>
  );
}
