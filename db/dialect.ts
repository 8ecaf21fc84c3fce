// What differs between SQLite and PostgreSQL, in one place: transactions, running raw SQL, and the
// few SQL fragments the engines spell differently. Query functions (db/queries) call these and
// are otherwise the same text on both engines.
import { AsyncLocalStorage } from "node:async_hooks";
import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { PERU_OFFSET_HOURS } from "@/lib/time/lima-time";
import { type Db, type DbHandle, engineOf, handleOf, registerTransaction } from "./client";

/**
 * The transaction (of this database) the current async context runs in, on SQLite. On globalThis:
 * Next.js may bundle this module more than once, and a transaction begun through one copy must be
 * seen by the other.
 */
const shared = globalThis as unknown as { sondeoTransactions?: AsyncLocalStorage<DbHandle>; sondeoSavepoints?: number };
const inTransaction = (shared.sondeoTransactions ??= new AsyncLocalStorage<DbHandle>());
const nextSavepoint = () => {
  shared.sondeoSavepoints = (shared.sondeoSavepoints ?? 0) + 1;
  return `sp${shared.sondeoSavepoints}`;
};

/** PostgreSQL errors after which the whole transaction is run again: serialization failure, deadlock. */
const RETRYABLE = new Set(["40001", "40P01"]);
const PG_ATTEMPTS = 8;
/**
 * A unique violation is retried too, a few times: two transactions that both saw a key absent and
 * inserted it conflict like any serialization failure (PostgreSQL's documentation advises retrying
 * them); run again, the body sees the row committed meanwhile. A real duplicate fails every time.
 */
const UNIQUE_VIOLATION = "23505";
const PG_UNIQUE_ATTEMPTS = 3;

export interface TransactionOptions {
  /**
   * PostgreSQL isolation (SQLite always runs one transaction at a time). Default "serializable";
   * "read committed" for a body that is one atomic statement and needs no snapshot (a counter's
   * upsert), where serializable would only add conflicts between clients hitting the same row.
   */
  isolation?: "serializable" | "read committed";
}

/**
 * Runs `body` in one transaction and returns its result; a throw rolls everything back. Every
 * write goes through here. The body gets the transaction to query with; it may be run again on
 * PostgreSQL (serialization failure), so it must not have effects outside the database.
 *
 * SQLite: one transaction at a time per database (BEGIN IMMEDIATE on the writer connection, behind
 * a lock), as SQLite itself allows one writer. PostgreSQL: SERIALIZABLE, so that the checks a body
 * makes before it writes (a response's state, a release's counts) hold as they do under SQLite's
 * one-writer rule even with several app instances; conflicting transactions are retried.
 * A transaction() inside another one becomes a savepoint.
 */
export async function transaction<T>(db: Db, body: (tx: Db) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const handle = handleOf(db);
  if (handle.engine === "postgres") return pgTransaction(db, handle, body, options.isolation ?? "serializable");
  const writer = handle.writer!;
  const client = writer.$client;
  if (inTransaction.getStore() === handle) {
    const name = nextSavepoint();
    client.exec(`SAVEPOINT ${name}`);
    try {
      const result = await body(writer);
      client.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      client.exec(`ROLLBACK TO ${name}`);
      client.exec(`RELEASE ${name}`);
      throw err;
    }
  }
  return handle.lock!.runExclusive(() =>
    inTransaction.run(handle, async () => {
      client.exec("BEGIN IMMEDIATE");
      try {
        const result = await body(writer);
        client.exec("COMMIT");
        return result;
      } catch (err) {
        if (client.inTransaction) client.exec("ROLLBACK");
        throw err;
      }
    }),
  );
}

type PgLike = { transaction<T>(fn: (tx: object) => Promise<T>, config?: { isolationLevel?: string }): Promise<T> };

async function pgTransaction<T>(db: Db, handle: DbHandle, body: (tx: Db) => Promise<T>, isolationLevel: string): Promise<T> {
  const run = (tx: object) => {
    registerTransaction(tx, handle);
    return body(tx as Db);
  };
  // A transaction object (nested call): drizzle makes it a savepoint.
  if (!("$client" in db)) return (db as unknown as PgLike).transaction(run);
  for (let attempt = 1; ; attempt++) {
    try {
      return await (db as unknown as PgLike).transaction(run, { isolationLevel });
    } catch (err) {
      const code = pgErrorCode(err);
      const retry = code !== undefined && (RETRYABLE.has(code) ? attempt < PG_ATTEMPTS : code === UNIQUE_VIOLATION && attempt < PG_UNIQUE_ATTEMPTS);
      if (!retry) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}

/** The SQLSTATE of a PostgreSQL error (drizzle wraps the driver's error in `cause`). */
export function pgErrorCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** True when `err` is a unique-constraint violation (on either engine) naming `what` if given. */
export function isUniqueViolation(err: unknown, what?: string): boolean {
  const text = `${(err as Error)?.message ?? ""} ${String((err as { cause?: Error })?.cause?.message ?? "")} ${String(
    (err as { cause?: { constraint?: string } })?.cause?.constraint ?? "",
  )}`;
  const unique = pgErrorCode(err) === "23505" || /UNIQUE constraint failed/.test(text);
  return unique && (what === undefined || text.includes(what));
}

/** The first row of a query, or undefined (SQLite's .get(), on both engines). */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  const rows = await query;
  return rows[0];
}

/** Runs raw SQL and returns its rows. */
export async function all<T>(db: Db, query: SQL): Promise<T[]> {
  if (engineOf(db) === "sqlite") return db.all<T>(query);
  const result = (await (db as unknown as { execute(q: SQL): Promise<{ rows: T[] }> }).execute(query)) as { rows: T[] };
  return result.rows;
}

/** Runs raw SQL and returns its first row, or undefined. */
export async function get<T>(db: Db, query: SQL): Promise<T | undefined> {
  return (await all<T>(db, query))[0];
}

/** Runs raw SQL for its effect; returns the number of rows it changed. */
export async function run(db: Db, query: SQL): Promise<number> {
  if (engineOf(db) === "sqlite") return db.run(query).changes;
  const result = await (db as unknown as { execute(q: SQL): Promise<{ rowCount: number | null }> }).execute(query);
  return result.rowCount ?? 0;
}

/** An integer aggregate (count, sum of integers) as a JS number: PostgreSQL returns bigint as text. */
export const int = (expression: SQL): SQL<number> => sql`cast(${expression} as integer)`.mapWith(Number);
/** A floating-point value as a JS number: PostgreSQL returns numeric (avg) as text. */
export const real = (expression: SQL): SQL<number> => sql`cast(${expression} as double precision)`.mapWith(Number);

/**
 * The text of the top-level key `key` of a JSON text column as lib/needs/breakdown-values.ts
 * stores it: a string as it is, a number as written, a boolean as "true"/"false"; null when the
 * key is absent or holds null, an object or an array.
 */
export function jsonScalarText(db: Db, column: SQL | AnyColumn, key: string): SQL {
  if (engineOf(db) === "sqlite") {
    const path = `$."${key}"`;
    return sql`case json_type(${column}, ${path})
      when 'text' then json_extract(${column}, ${path})
      when 'integer' then cast(json_extract(${column}, ${path}) as text)
      when 'real' then cast(json_extract(${column}, ${path}) as text)
      when 'true' then 'true' when 'false' then 'false' end`;
  }
  return sql`case when jsonb_typeof(${column}::jsonb -> ${key}) in ('string', 'number', 'boolean') then ${column}::jsonb ->> ${key} end`;
}

/** SQLite's `INDEXED BY` hint after a table name (PostgreSQL plans without hints: nothing). */
export function indexedBy(db: Db, index: string): SQL {
  return engineOf(db) === "sqlite" ? sql.raw(`indexed by ${index}`) : sql``;
}

/** An aggregate over a set of rows that changes whenever the set does (a fingerprint, not a proof). */
export function rowSetFingerprint(db: Db, table: { id: AnyColumn }): SQL<number> {
  return engineOf(db) === "sqlite"
    ? sql<number>`total(rowid)`.mapWith(Number)
    : sql<number>`cast(coalesce(sum(hashtext(${table.id})), 0) as double precision)`.mapWith(Number);
}

/** The Peru calendar day ("YYYY-MM-DD", UTC−5 all year) of an ISO 8601 UTC timestamp column. */
export function peruDay(db: Db, column: SQL | AnyColumn): SQL<string> {
  return engineOf(db) === "sqlite"
    ? sql<string>`date(${column}, ${`-${PERU_OFFSET_HOURS} hours`})`
    : sql<string>`to_char(cast(${column} as timestamptz) at time zone 'UTC' - ${sql.raw(`interval '${PERU_OFFSET_HOURS} hours'`)}, 'YYYY-MM-DD')`;
}

/** A boolean literal in SQL text (SQLite stores booleans as 0/1): lets SQLite match a partial index's condition. */
export function boolLiteral(db: Db, value: boolean): SQL {
  return sql.raw(engineOf(db) === "sqlite" ? (value ? "1" : "0") : value ? "true" : "false");
}

// ─── JSON documents in TEXT columns (question summary, open answers) ─────────────────────────────
// responses.data holds a JSON object as TEXT on both engines. SQLite reads it with its JSON
// functions (json_each, json_type, json_extract); PostgreSQL casts it to jsonb. The fragments below
// give PostgreSQL the columns and spellings of SQLite's, so the query text around them is shared,
// and SQLite's SQL is what it would be written by hand.

/** The type of a jsonb value (`v`, an expression) under SQLite's json_each names. */
const pgJsonType = (v: string) =>
  `case jsonb_typeof(${v}) when 'string' then 'text' when 'boolean' then ${v}::text
     when 'number' then case when strpos(${v}::text, '.') > 0 then 'real' else 'integer' end
     else jsonb_typeof(${v}) end`;

/** A jsonb scalar as text (a number as written, a boolean "true"/"false"); null for null, arrays and objects. */
const pgJsonAtom = (v: string) => `case when jsonb_typeof(${v}) not in ('array', 'object') then ${v} #>> '{}' end`;

type JsonJoin = "join" | "left join";

function pgJsonEntries(json: SQL | AnyColumn, alias: string, join: JsonJoin, of: "object" | "array"): SQL {
  const entries =
    of === "object"
      ? `jsonb_each(case when jsonb_typeof(doc.v) = 'object' then doc.v end) e`
      : `jsonb_array_elements(case when jsonb_typeof(doc.v) = 'array' then doc.v end) with ordinality as e(value, ordinality)`;
  const key = of === "object" ? "e.key" : "cast(e.ordinality - 1 as integer)";
  // The guard turns a value of another type into null, which jsonb_each / jsonb_array_elements
  // (strict functions) take as no rows instead of failing the query. The document is cast once
  // per row: a sub-select with offset 0 is not inlined into the guard's two references.
  const columns = sql.raw(`${key} as key, ${pgJsonType("e.value")} as type, ${pgJsonAtom("e.value")} as atom, e.value as value`);
  return sql`${sql.raw(join)} lateral (select ${columns} from (select cast(${json} as jsonb) as v offset 0) doc, ${sql.raw(entries)}) ${sql.raw(alias)} on true`;
}

/**
 * A join (`join` or `left join`) with the members of a JSON object as rows named `alias`, with
 * the columns of SQLite's json_each on both engines:
 * - key: the member's name;
 * - type: 'null', 'true', 'false', 'integer', 'real', 'text', 'array' or 'object';
 * - atom: a scalar's value, null for null, arrays and objects. Cast to text it reads the same on
 *   both engines (a number as written) except for booleans (SQLite 1/0): tell them by type;
 * - value: an array's or object's JSON, for another of these joins or to compare with '{}' / '[]'
 *   (SQLite: minified text; PostgreSQL: jsonb).
 * `json` is the TEXT column or an entry's value; it must be an object or null — guard a value with
 * `case when x.type = 'object' then x.value end`: SQLite's json_each gives a scalar a row of its
 * own (key null), PostgreSQL gives anything but an object no rows.
 */
export function joinJsonObject(db: Db, json: SQL | AnyColumn, alias: string, join: JsonJoin = "join"): SQL {
  if (engineOf(db) === "sqlite") return sql`${sql.raw(join)} json_each(${json}) ${sql.raw(alias)}`;
  return pgJsonEntries(json, alias, join, "object");
}

/**
 * joinJsonObject for the elements of a JSON array: key is the element's 0-based index (an
 * integer). `json` must be an array or null (guard with `case when x.type = 'array' then x.value end`).
 */
export function joinJsonArray(db: Db, json: SQL | AnyColumn, alias: string, join: JsonJoin = "join"): SQL {
  if (engineOf(db) === "sqlite") return sql`${sql.raw(join)} json_each(${json}) ${sql.raw(alias)}`;
  return pgJsonEntries(json, alias, join, "array");
}

/** SQLite's JSON path of a top-level key: quoted unless a plain name, so names with dots or dashes work too. */
const sqliteKeyPath = (key: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `$.${key}` : `$."${key}"`);

/**
 * Whether the top-level key `key` of the JSON text column holds a string that is not blank (trim:
 * spaces, on both engines). PostgreSQL parses the document once (a jsonpath that keeps a string
 * only; strict, so an array of strings is not unwrapped; silent, so a missing key is no error).
 */
export function jsonNonBlankString(db: Db, column: SQL | AnyColumn, key: string): SQL {
  if (engineOf(db) === "sqlite") {
    const path = sqliteKeyPath(key);
    return sql`json_type(${column}, ${path}) = 'text' and trim(json_extract(${column}, ${path})) <> ''`;
  }
  const jsonpath = `strict $."${key.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}" ? (@.type() == "string")`;
  return sql`trim(jsonb_path_query_first(cast(${column} as jsonb), ${jsonpath}, '{}', true) #>> '{}') <> ''`;
}

/**
 * The text of the string at the top-level key `key` of the JSON text column (where
 * jsonNonBlankString holds). PostgreSQL reads it as json, not jsonb: looking up one key in the
 * text costs about half as much as building the whole jsonb, and a string reads the same.
 */
export function jsonStringAt(db: Db, column: SQL | AnyColumn, key: string): SQL<string> {
  if (engineOf(db) === "sqlite") return sql<string>`json_extract(${column}, ${sqliteKeyPath(key)})`;
  return sql<string>`cast(${column} as json) ->> ${key}`;
}

/**
 * Whether `text` contains `search`, ignoring the case of A–Z only: SQLite's lower() folds ASCII
 * letters only, and lower() under the "C" collation does the same on PostgreSQL whatever the
 * database's locale (so "á" does not find "Á" on either engine).
 */
export function containsIgnoringCase(db: Db, text: SQL, search: string): SQL {
  if (engineOf(db) === "sqlite") return sql`instr(lower(${text}), lower(${search})) > 0`;
  return sql`strpos(lower((${text}) collate "C"), lower(cast(${search} as text) collate "C")) > 0`;
}
