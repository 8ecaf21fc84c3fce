// /admin/surveys/[slug]/responses – admins: who has answered (metadata only), with the dashboard's
// filters, and the CSV downloads of the raw responses and the codebook.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/app/_server/auth";
import { pageLocale } from "@/app/_server/locale";
import { getDb } from "@/db/client";
import { listResponses, RESPONSES_PAGE_SIZE } from "@/db/queries/export-responses";
import { needsSurveyOf, resolveFilters } from "@/db/queries/needs-report";
import { parseNeedsQuery, toSearchParams } from "@/lib/needs/filters";
import { needsContext } from "@/lib/needs/survey-context";
import { peruDateFormat } from "@/lib/time/lima-time";
import { getSurvey } from "@/surveys/registry";
import { ExportForm } from "../../../_components/export-form";
import { TableWrap } from "../../../table-wrap";
import { AppError } from "@/lib/http/app-error";
import { RoundPicker } from "@/app/admin/_components/round-picker";
import { listRounds, resolveRound } from "@/db/queries/survey-rounds";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("responses"))("title") };
}

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResponsesPage({ params, searchParams }: Props) {
  const { slug } = await params;
  await requireUser("admin", `/admin/surveys/${slug}/responses`);
  const survey = await getSurvey(slug);
  if (!survey) notFound();
  const t = await getTranslations("responses");
  const locale = await pageLocale();
  const search = await searchParams;
  const spec = needsContext(survey).spec;
  const parsed = parseNeedsQuery(search, spec, { extraKeys: ["page", "partial"] });
  if (!parsed.ok) {
    return (
      <div>
        <h1>{t("title")}</h1>
        <p role="alert">{parsed.message}</p>
      </div>
    );
  }
  const page = Math.max(1, Number(search.page) || 1);
  const db = await getDb();
  let filters: Awaited<ReturnType<typeof resolveFilters>>;
  try {
    filters = await resolveFilters(db, slug, parsed.value.filters);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return (
      <div>
        <h1>{t("title")}</h1>
        <p role="alert">{err.message}</p>
      </div>
    );
  }
  const slots = survey.needs ? (await needsSurveyOf(db, slug, survey.needs)).slots : new Map<string, number>();
  const list = await listResponses(db, slug, slots, { includePartial: true, filters }, page);
  const pages = Math.max(1, Math.ceil((list.complete + list.partial) / RESPONSES_PAGE_SIZE));
  const qs = (p: number) => `?${toSearchParams(parsed.value, spec, { page: p }).toString()}`;
  const when = (iso: string | null) =>
    iso ? peruDateFormat(locale === "es" ? "es-PE" : "en-GB", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)) : "–";
  return (
    <div>
      <p>
        <Link href="/admin">{t("back")}</Link>
      </p>
      <h1>
        {t("title")}: {survey.title[locale]}
      </h1>
      <p>{t("intro")}</p>
      <RoundPicker
        rounds={await listRounds(db, slug)}
        current={await resolveRound(db, slug, filters.round)}
        basePath={`/admin/surveys/${encodeURIComponent(slug)}/responses`}
        search={search}
      />
      <p data-testid="response-counts">{t("counts", { complete: list.complete, partial: list.partial })}</p>
      <ExportForm slug={slug} query={parsed.value} spec={spec} withNeeds={Boolean(survey.needs)} />
      {list.items.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <TableWrap label={t("title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("id")}</th>
                <th scope="col">{t("unit")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("locale")}</th>
                <th scope="col">{t("started")}</th>
                <th scope="col">{t("submitted")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => (
                <tr key={r.id}>
                  <td>
                    <code>{r.id.slice(0, 8)}</code>
                    {r.is_demo ? ` (${t("demo")})` : ""}
                  </td>
                  <td>{r.unit_code ?? t("noUnit")}</td>
                  <td>{r.status === "complete" ? t("complete") : t("partial")}</td>
                  <td>{r.locale}</td>
                  <td>{when(r.started_at)}</td>
                  <td>{when(r.submitted_at ?? r.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav aria-label={t("page", { page, pages })}>
        {page > 1 && <Link href={qs(page - 1)}>{t("previous")}</Link>} {t("page", { page, pages })}{" "}
        {page < pages && <Link href={qs(page + 1)}>{t("next")}</Link>}
      </nav>
    </div>
  );
}
