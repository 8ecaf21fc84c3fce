// The coordinator area's frame: navigation by role, language switch, who is signed in, sign-out.
// It only shows; every page below checks the session itself (a layout is not an auth boundary).
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { currentUser } from "@/app/_server/auth";
import { AdminNav, type NavItem } from "./admin-nav";
import { LanguageSwitch } from "./language-switch";
import { SignOutButton } from "./sign-out-button";
import "./admin.css";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  const t = await getTranslations("admin.shell");
  const messages = await getMessages();
  const items: NavItem[] = user
    ? [
        { href: "/admin", label: t("nav.surveys") },
        ...(user.role === "admin"
          ? [
              { href: "/admin/units", label: t("nav.units") },
              { href: "/admin/users", label: t("nav.users") },
              { href: "/admin/audit", label: t("nav.audit") },
            ]
          : []),
      ]
    : [];
  return (
    <NextIntlClientProvider messages={{ admin: messages.admin, common: messages.common }}>
      <a className="skip-link" href="#main">
        {t("skip")}
      </a>
      <header className="admin-header no-print">
        <div className="admin-header__inner">
          <div className="admin-header__top">
            <Link href="/admin" className="admin-brand">
              Sondeo <span className="admin-brand__sub">· {t("title")}</span>
            </Link>
            <div className="admin-header__tools">
              {user && (
                <span className="admin-user">
                  {user.email} · {t(`role.${user.role}`)}
                </span>
              )}
              <LanguageSwitch />
              {user && <SignOutButton />}
            </div>
          </div>
          {user && <AdminNav items={items} label={t("mainNav")} />}
        </div>
      </header>
      <main id="main" className="admin-main" tabIndex={-1}>
        {children}
      </main>
    </NextIntlClientProvider>
  );
}
