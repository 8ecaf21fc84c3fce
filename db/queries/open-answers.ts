// Open answers of the completed responses of a selection (`where`: terms on the responses table
// built from the caller's filters): how many each text question has, and one page of them as raw
// text. Read from the JSON text with the fragments of db/dialect.ts (SQLite's JSON functions,
// PostgreSQL's jsonb ones), one question at a time.
import { sql, type SQL } from "drizzle-orm";
import { type Db, tablesOf } from "../client";
import { all, containsIgnoringCase, first, get, int, jsonNonBlankString, jsonStringAt } from "../dialect";
import { completedWhere } from "./question-summary";

/** How many non-empty answers each question (a data key) has in the selection. */
export async function countOpenAnswers(db: Db, slug: string, where: readonly SQL[], questions: readonly string[]): Promise<Record<string, number>> {
  if (questions.length === 0) return {};
  const { responses } = tablesOf(db);
  const counts = questions.map(
    (q, i) => sql`${int(sql`coalesce(sum(case when ${jsonNonBlankString(db, responses.data, q)} then 1 else 0 end), 0)`)} as ${sql.raw(`q${i}`)}`,
  );
  const row = await get<Record<string, number>>(
    db,
    sql`select ${sql.join(counts, sql`, `)} from ${responses} where ${completedWhere(db, slug, where)}`,
  );
  return Object.fromEntries(questions.map((q, i) => [q, Number(row?.[`q${i}`] ?? 0)]));
}

export interface OpenAnswerPage {
  total: number;
  items: string[];
}

/** One page of a question's answers (raw text), in a stable order unrelated to time. */
export async function listOpenAnswers(
  db: Db,
  slug: string,
  where: readonly SQL[],
  options: { question: string; search?: string; limit: number; offset: number },
): Promise<OpenAnswerPage> {
  const { responses } = tablesOf(db);
  const text = jsonStringAt(db, responses.data, options.question);
  const conds = [completedWhere(db, slug, where), jsonNonBlankString(db, responses.data, options.question)];
  if (options.search) conds.push(containsIgnoringCase(db, text, options.search));
  const selection = sql.join(conds, sql` and `);
  const count = await first(
    db
      .select({ n: int(sql`count(*)`) })
      .from(responses)
      .where(selection),
  );
  const total = count?.n ?? 0;
  const rows = await all<{ text: string }>(
    db,
    sql`select ${text} as text from ${responses} where ${selection} order by ${responses.id} limit ${options.limit} offset ${options.offset}`,
  );
  const items = rows.map((r) => r.text);
  return { total, items };
}
