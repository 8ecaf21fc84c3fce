// Download buttons for the CSV exports, carrying the current view's filters. A plain GET form:
// works without JavaScript, and each button targets one export route.
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/app/_server/auth";
import { filterKeys, type FilterSpec, type NeedsQuery } from "@/lib/needs/filters";

export async function ExportForm({
  slug,
  query,
  spec,
  withNeeds = true,
}: {
  slug: string;
  query: NeedsQuery;
  spec: FilterSpec;
  withNeeds?: boolean;
}) {
  const t = await getTranslations("exports");
  const user = await currentUser();
  const base = `/api/surveys/${encodeURIComponent(slug)}/export`;
  return (
    <form method="get" action={`${base}/needs.csv`} className="export-form no-print" aria-labelledby="export-title">
      <h2 id="export-title">{t("title")}</h2>
      <p>{t("intro")}</p>
      {query.by !== null && query.by !== spec.dimensions[0]?.name && <input type="hidden" name="by" value={query.by} />}
      {filterKeys(spec).map((key) => (query.filters[key] ? <input key={key} type="hidden" name={key} value={query.filters[key]} /> : null))}
      <label>
        {t("labels")}{" "}
        <select name="labels" defaultValue="codes">
          <option value="codes">{t("labelsCodes")}</option>
          <option value="es">{t("labelsEs")}</option>
          <option value="en">{t("labelsEn")}</option>
        </select>
      </label>{" "}
      <label>
        {t("separator")}{" "}
        <select name="sep" defaultValue="comma">
          <option value="comma">{t("comma")}</option>
          <option value="semicolon">{t("semicolon")}</option>
        </select>
      </label>
      {user?.role === "admin" && (
        <label>
          <input type="checkbox" name="partial" value="1" /> {t("partial")}
        </label>
      )}
      <p className="export-buttons">
        {withNeeds && <button type="submit">{t("needs")}</button>}{" "}
        {user?.role === "admin" && (
          <button type="submit" formAction={`${base}/responses.csv`} data-testid="export-responses">
            {t("responses")}
          </button>
        )}{" "}
        <a href={`${base}/codebook.csv`}>{t("codebook")}</a>
      </p>
      <p className="export-note">{t("audited")}</p>
    </form>
  );
}
