// What the plan's pages start with: the signed-in analyst, the URL's filters checked, the plan
// loaded (or the reason it cannot be: an unknown survey is a 404, a bad filter a message).
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { requireUser, type SessionUser } from "@/app/_server/auth";
import { loadPlan, planLabels, type LoadedPlan } from "@/app/_server/training-plan";
import { messagesFor } from "@/i18n/messages";
import { asLocale, type Locale } from "@/i18n/locales";
import { AppError } from "@/lib/http/app-error";
import type { PlanLabels } from "@/lib/plan/plan-labels";
import { getSurvey } from "@/surveys/registry";

export interface PlanPageProps {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export type PlanPage =
  | {
      ok: true;
      user: SessionUser;
      p: LoadedPlan;
      locale: Locale;
      labels: PlanLabels;
      messages: ReturnType<typeof messagesFor>["plan"];
      search: URLSearchParams;
    }
  | { ok: false; user: SessionUser; error: string; locale: Locale };

export async function loadPlanPage(props: PlanPageProps, path: "plan" | "plan/print"): Promise<PlanPage> {
  const { slug } = await props.params;
  const sp = await props.searchParams;
  const search = new URLSearchParams();
  for (const [key, v] of Object.entries(sp))
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) if (one.trim() !== "") search.append(key, one);
  const here = `/admin/surveys/${encodeURIComponent(slug)}/${path}`;
  const user = await requireUser("analyst", search.size ? `${here}?${search}` : here);
  const locale = asLocale(await getLocale());
  if (!(await getSurvey(slug))?.needs) notFound();
  try {
    const p = await loadPlan(slug, search);
    return { ok: true, user, p, locale, labels: planLabels(p, locale), messages: messagesFor(locale).plan, search };
  } catch (err) {
    if (err instanceof AppError && err.status === 400) return { ok: false, user, error: err.message, locale };
    throw err;
  }
}
