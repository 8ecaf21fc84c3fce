// Open answers of the completed responses of a selection (`where`: terms on the responses table
// built from the caller's filters): how many each text question has, and one page of them as raw
// text. Read with SQLite's JSON functions, one question at a time.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { responses } from "../schema";
import { completedWhere } from "./question-summary";

/** The JSON path of a top-level key; quoted, so that names with dots or dashes work too. */
const keyPath = (key: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `$.${key}` : `$."${key}"`);

/** How many non-empty answers each question (a data key) has in the selection. */
export function countOpenAnswers(db: Db, slug: string, where: readonly SQL[], questions: readonly string[]): Record<string, number> {
  if (questions.length === 0) return {};
  const counts = questions.map(
    (q, i) =>
      sql`coalesce(sum(json_type(${responses.data}, ${keyPath(q)}) = 'text' and trim(json_extract(${responses.data}, ${keyPath(q)})) <> ''), 0) as ${sql.raw(`q${i}`)}`,
  );
  const row = db.get<Record<string, number>>(sql`select ${sql.join(counts, sql`, `)} from ${responses} where ${completedWhere(slug, where)}`);
  return Object.fromEntries(questions.map((q, i) => [q, Number(row?.[`q${i}`] ?? 0)]));
}

export interface OpenAnswerPage {
  total: number;
  items: string[];
}

/** One page of a question's answers (raw text), in a stable order unrelated to time. */
export function listOpenAnswers(
  db: Db,
  slug: string,
  where: readonly SQL[],
  options: { question: string; search?: string; limit: number; offset: number },
): OpenAnswerPage {
  const path = keyPath(options.question);
  const text = sql`json_extract(${responses.data}, ${path})`;
  const conds = [completedWhere(slug, where), sql`json_type(${responses.data}, ${path}) = 'text'`, sql`trim(${text}) <> ''`];
  if (options.search) conds.push(sql`instr(lower(${text}), lower(${options.search})) > 0`);
  const all = sql.join(conds, sql` and `);
  const total = db.get<{ n: number }>(sql`select count(*) as n from ${responses} where ${all}`)?.n ?? 0;
  const items = db
    .all<{ text: string }>(
      sql`select ${text} as text from ${responses} where ${all} order by ${responses.id} limit ${options.limit} offset ${options.offset}`,
    )
    .map((r) => r.text);
  return { total, items };
}
