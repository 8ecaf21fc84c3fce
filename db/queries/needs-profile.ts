// Profile, logistics and open answers of the completed responses under the needs filters, read
// from the responses' JSON with SQLite's JSON functions and GROUP BY (never row by row in JS).
import { sql, type SQL } from "drizzle-orm";
import { PROFILE_FIELDS, RANKING_FIELD, type OpenQuestion, type ProfileCountRow } from "@/lib/needs/profile";
import type { Db } from "../client";
import { responses } from "../schema";
import { completedResponsesWhere, type ResolvedFilters } from "./filter-terms";
import type { NeedsTable } from "./needs";

/** The completed responses under the same filters as need_ratings. */
function responsesWhere(t: NeedsTable, f: ResolvedFilters): SQL {
  return completedResponsesWhere(t.slug, t.slots, f);
}

/** Category counts of the profile and logistics questions (one pass over the responses). */
export function listProfileCounts(db: Db, slug: NeedsTable, filters: ResolvedFilters): ProfileCountRow[] {
  const fields = sql.join(
    PROFILE_FIELDS.map((f) => sql`${f}`),
    sql`, `,
  );
  return db
    .all<{ field: string; position: number | null; choice: string | null; n: number }>(sql`
    select j.key as field,
           case when j.key = ${RANKING_FIELD} then a.key end as position,
           case j.type when 'true' then 'true' when 'false' then 'false'
                       else cast(coalesce(a.atom, j.atom) as text) end as choice,
           count(*) as n
    from ${responses}
    join json_each(${responses.data}) j
    left join json_each(case when j.type = 'array' then j.value end) a
    where ${responsesWhere(slug, filters)} and j.key in (${fields})
    group by 1, 2, 3`)
    .map((r) => ({ field: r.field, position: r.position, value: r.choice, n: r.n }));
}

/** How many non-empty answers each open question has under the filters. */
export function countOpenAnswers(db: Db, slug: NeedsTable, filters: ResolvedFilters, questions: readonly OpenQuestion[]) {
  const counts = questions.map(
    (q, i) =>
      sql`coalesce(sum(json_type(${responses.data}, ${`$.${q}`}) = 'text' and trim(json_extract(${responses.data}, ${`$.${q}`})) <> ''), 0) as ${sql.raw(`q${i}`)}`,
  );
  const row = db.get<Record<string, number>>(
    sql`select ${sql.join(counts, sql`, `)} from ${responses} where ${responsesWhere(slug, filters)}`,
  );
  return Object.fromEntries(questions.map((q, i) => [q, Number(row?.[`q${i}`] ?? 0)])) as Record<OpenQuestion, number>;
}

export interface OpenAnswerPage {
  total: number;
  items: string[];
}

/** One page of an open question's answers (raw text), in a stable order unrelated to time. */
export function listOpenAnswers(
  db: Db,
  slug: NeedsTable,
  filters: ResolvedFilters,
  options: { question: OpenQuestion; search?: string; limit: number; offset: number },
): OpenAnswerPage {
  const path = `$.${options.question}`;
  const text = sql`json_extract(${responses.data}, ${path})`;
  const conds = [responsesWhere(slug, filters), sql`json_type(${responses.data}, ${path}) = 'text'`, sql`trim(${text}) <> ''`];
  if (options.search) conds.push(sql`instr(lower(${text}), lower(${options.search})) > 0`);
  const where = sql.join(conds, sql` and `);
  const total = db.get<{ n: number }>(sql`select count(*) as n from ${responses} where ${where}`)?.n ?? 0;
  const items = db
    .all<{ text: string }>(
      sql`select ${text} as text from ${responses} where ${where} order by ${responses.id} limit ${options.limit} offset ${options.offset}`,
    )
    .map((r) => r.text);
  return { total, items };
}
