"use client";
// Signs out (POST /api/auth/logout) and returns to the sign-in page.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "./send-json";

export function SignOutButton() {
  const t = useTranslations("admin.shell");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="secondary small"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await sendJson("POST", "/api/auth/logout");
        router.replace("/admin/login");
        router.refresh();
      }}
    >
      {pending ? t("signingOut") : t("signOut")}
    </button>
  );
}
