// The count rows of the question summary, read from the completed responses' JSON in SQL (the
// JSON joins of db/dialect.ts: SQLite's json_each, PostgreSQL's jsonb functions under the same
// columns) and GROUP BY — three passes over the selection, never a response loaded into
// JavaScript. Which questions, and how each is read, come from the survey's question catalogue;
// which responses, from `where` (terms on the responses table built by the caller's filters).
import { sql, type SQL } from "drizzle-orm";
import type { QuestionCatalogue } from "@/lib/summary/question-catalogue";
import type { SummaryCountRow } from "@/lib/summary/question-summary";
import { type Db, tablesOf } from "../client";
import { all, first, int, joinJsonArray, joinJsonObject } from "../dialect";
import { filterTerms, type ResolvedFilters } from "./filter-terms";
import type { DimensionSlots } from "./survey-dimensions";

/** A view's filters as terms on the responses table: the selection of the summary and open answers. */
export function selectionTerms(db: Db, slots: DimensionSlots, filters: ResolvedFilters): SQL[] {
  return filterTerms(tablesOf(db).responses, slots, filters);
}

/** The survey's completed responses under the extra terms. */
export function completedWhere(db: Db, slug: string, where: readonly SQL[]): SQL {
  const { responses } = tablesOf(db);
  return sql.join([sql`${responses.surveySlug} = ${slug}`, sql`${responses.status} = 'complete'`, ...where], sql` and `);
}

/** How many completed responses the selection holds. */
export async function countSelection(db: Db, slug: string, where: readonly SQL[]): Promise<number> {
  const { responses } = tablesOf(db);
  const row = await first(
    db
      .select({ n: int(sql`count(*)`) })
      .from(responses)
      .where(completedWhere(db, slug, where)),
  );
  return row?.n ?? 0;
}

/** `(a, b, …)` for IN; `(null)` matches nothing when the list is empty. */
function list(keys: readonly string[]): SQL {
  return keys.length
    ? sql`(${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )})`
    : sql`(null)`;
}

/**
 * A JSON value of a json join (db/dialect.ts) as the text the catalogue uses: booleans
 * "true"/"false", numbers as written. The same text on both engines.
 */
const asText = (alias: string) =>
  sql.raw(`case ${alias}.type when 'true' then 'true' when 'false' then 'false' else cast(${alias}.atom as text) end`);

interface RawRow {
  question: string;
  row: string | null;
  col: string | null;
  value: string | null;
  position: number | null;
  n: number;
}

export async function listSummaryCounts(db: Db, slug: string, catalogue: QuestionCatalogue, where: readonly SQL[]): Promise<SummaryCountRow[]> {
  const { responses } = tablesOf(db);
  const keysOf = (...kinds: string[]) => catalogue.questions.filter((q) => kinds.includes(q.kind)).map((q) => q.key);
  const scalarKeys = keysOf("choice", "multi", "ranking", "numeric", "date");
  const rankingKeys = keysOf("ranking");
  const dateKeys = keysOf("date");
  const matrixKeys = keysOf("matrix", "matrixdropdown");
  const answeredKeys = catalogue.questions.filter((q) => q.kind !== "skipped").map((q) => q.key);
  const selection = completedWhere(db, slug, where);
  // An integer on both engines (PostgreSQL's count is a bigint, which its driver gives as text).
  const count = int(sql`count(*)`);
  const out: RawRow[] = [];

  // One value per answer; a multiple choice or a ranking one row per selected option, ranked at
  // its index. Dates count by calendar month (the first seven characters, "YYYY-MM").
  if (scalarKeys.length) {
    out.push(
      ...(await all<RawRow>(
        db,
        sql`
      select j.key as question, null as row, null as col,
             case when j.key in ${list(dateKeys)} then substr(j.atom, 1, 7)
                  when j.type = 'array' then ${asText("a")}
                  else ${asText("j")} end as value,
             case when j.key in ${list(rankingKeys)} then a.key end as position,
             ${count} as n
      from ${responses}
      ${joinJsonObject(db, responses.data, "j")}
      ${joinJsonArray(db, sql`case when j.type = 'array' then j.value end`, "a", "left join")}
      where ${selection} and j.key in ${list(scalarKeys)}
        and j.type not in ('null', 'object') and (j.type <> 'array' or a.key is not null)
      group by 1, 4, 5`,
      )),
    );
  }

  // Matrices: {"row": "column"} (single choice) or {"row": {"column": value}} (dropdown), where a
  // cell may hold an array (a checkbox column).
  if (matrixKeys.length) {
    out.push(
      ...(await all<RawRow>(
        db,
        sql`
      select j.key as question, r.key as row, c.key as col,
             case when c.key is null then ${asText("r")}
                  when c.type = 'array' then ${asText("a")}
                  else ${asText("c")} end as value,
             null as position,
             ${count} as n
      from ${responses}
      ${joinJsonObject(db, responses.data, "j")}
      ${joinJsonObject(db, sql`case when j.type = 'object' then j.value end`, "r")}
      ${joinJsonObject(db, sql`case when r.type = 'object' then r.value end`, "c", "left join")}
      ${joinJsonArray(db, sql`case when c.type = 'array' then c.value end`, "a", "left join")}
      where ${selection} and j.key in ${list(matrixKeys)}
        and r.type not in ('null', 'array') and (r.type <> 'object' or c.key is not null)
        and (c.key is null or (c.type not in ('null', 'object') and (c.type <> 'array' or a.key is not null)))
      group by 1, 2, 3, 4`,
      )),
    );
  }

  // Who answered each question at all: a non-blank text, a non-empty list or object, any other value.
  // (An array's or object's value is minified JSON on SQLite and jsonb on PostgreSQL: either way
  // an empty one equals '[]' or '{}'.)
  if (answeredKeys.length) {
    out.push(
      ...(await all<RawRow>(
        db,
        sql`
      select j.key as question, null as row, null as col, null as value, null as position, ${count} as n
      from ${responses}
      ${joinJsonObject(db, responses.data, "j")}
      where ${selection} and j.key in ${list(answeredKeys)}
        and case j.type when 'null' then false
                        when 'text' then trim(j.atom) <> ''
                        when 'array' then j.value <> '[]'
                        when 'object' then j.value <> '{}'
                        else true end
      group by 1`,
      )),
    );
  }
  return out.map((r) => ({
    question: r.question,
    row: r.row === null ? null : String(r.row),
    column: r.col === null ? null : String(r.col),
    value: r.value,
    position: r.position,
    n: r.n,
  }));
}
