// The queries of a respondent's save, prepared once per connection. Drizzle builds a query's SQL
// anew on every call, which costs far more CPU than SQLite takes to run these single-row
// statements (~0.3 ms against microseconds); a busy survey runs them on every save.
// The writes are prepared on the transaction they run in (on SQLite always the same writer
// connection, so once; on PostgreSQL each transaction is its own session).
import { and, eq, sql } from "drizzle-orm";
import { type Db, tablesOf } from "../client";

const p = (name: string) => sql.placeholder(name);
/** A placeholder in update().set(), whose types take SQL but not a bare placeholder (no encoding). */
const setTo = (name: string) => sql`${sql.placeholder(name)}`;

/** The breakdown slot columns dim1…dim8 (of responses and need_ratings), each as `to(its name)`. */
function dims<T>(to: (name: string) => T) {
  return {
    dim1: to("dim1"),
    dim2: to("dim2"),
    dim3: to("dim3"),
    dim4: to("dim4"),
    dim5: to("dim5"),
    dim6: to("dim6"),
    dim7: to("dim7"),
    dim8: to("dim8"),
  };
}

/** Every column of a responses row, as placeholders of the same names. */
const responseRow = {
  id: p("id"),
  surveySlug: p("surveySlug"),
  surveyVersion: p("surveyVersion"),
  unitId: p("unitId"),
  status: p("status"),
  data: p("data"),
  locale: p("locale"),
  currentPage: p("currentPage"),
  resumeCode: p("resumeCode"),
  isDemo: p("isDemo"),
  startedAt: p("startedAt"),
  updatedAt: p("updatedAt"),
  submittedAt: p("submittedAt"),
  round: p("round"),
  ...dims(p),
  releaseBatch: p("releaseBatch"),
};

function prepare(db: Db) {
  const { needRatings, responses, surveyRounds, surveys } = tablesOf(db);
  return {
    surveyStatus: db
      .select({ status: surveys.status })
      .from(surveys)
      .where(eq(surveys.slug, p("slug")))
      .prepare(),
    surveyRounds: db
      .select({ round: surveyRounds.round, name: surveyRounds.name, opensOn: surveyRounds.opensOn, closesOn: surveyRounds.closesOn })
      .from(surveyRounds)
      .where(eq(surveyRounds.surveySlug, p("slug")))
      .orderBy(surveyRounds.round)
      .prepare(),
    findResponse: db
      .select()
      .from(responses)
      .where(eq(responses.id, p("id")))
      .prepare(),
    // No row back when the resume code is taken (a new code is drawn, save-response.ts): a failed
    // statement would abort a PostgreSQL transaction.
    insertResponse: db.insert(responses).values(responseRow).onConflictDoNothing({ target: responses.resumeCode }).returning().prepare(),
    updateResponse: db
      .update(responses)
      .set({
        surveyVersion: setTo("surveyVersion"),
        unitId: setTo("unitId"),
        status: setTo("status"),
        data: setTo("data"),
        locale: setTo("locale"),
        currentPage: setTo("currentPage"),
        updatedAt: setTo("updatedAt"),
        submittedAt: setTo("submittedAt"),
        ...dims(setTo),
      })
      // Only while partial: a completion made meanwhile by a concurrent save (PostgreSQL runs saves
      // at read committed) is never overwritten; no row back then (save-response.ts).
      .where(and(eq(responses.id, p("id")), eq(responses.status, "partial")))
      .returning()
      .prepare(),
    insertNeedRating: db
      .insert(needRatings)
      .values({
        responseId: p("responseId"),
        surveySlug: p("surveySlug"),
        topic: p("topic"),
        importance: p("importance"),
        competence: p("competence"),
        notApplicable: p("notApplicable"),
        unitId: p("unitId"),
        submittedAt: p("submittedAt"),
        round: p("round"),
        ...dims(p),
      })
      .prepare(),
  };
}

export type ResponseStatements = ReturnType<typeof prepare>;

const prepared = new WeakMap<Db, ResponseStatements>();

/** The prepared statements of `db` (made on first use). */
export function responseStatements(db: Db): ResponseStatements {
  let statements = prepared.get(db);
  if (!statements) {
    statements = prepare(db);
    prepared.set(db, statements);
  }
  return statements;
}
