// The PostgreSQL schema (db/schema-pg.ts) mirrors the SQLite one (db/schema.ts): the same tables,
// columns, keys, indexes and defaults, and the same inferred row types, so the query functions typed
// against the SQLite schema run unchanged on PostgreSQL. Tables are enumerated from the modules'
// exports: a table added to one schema and not the other fails here.
import { getTableName, is, SQL, StringChunk, type Table } from "drizzle-orm";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as pg from "@/db/schema-pg";
import * as sqlite from "@/db/schema";

/**
 * Partial-index predicates that must be written differently on PostgreSQL (SQLite text → PostgreSQL
 * text): a PostgreSQL boolean does not compare with the integer SQLite stores booleans as.
 */
const PREDICATE_TRANSLATIONS: Record<string, string> = { "is_demo = 1": "is_demo = true" };

/** The engine-neutral description of a table that both schemas must share. */
interface TableShape {
  name: string;
  columns: Record<string, { dataType: string; notNull: boolean; primary: boolean; hasDefault: boolean; default: unknown; enumValues?: string[] }>;
  /** Composite primary keys, by column names. */
  primaryKeys: string[][];
  indexes: Record<string, { columns: string[]; unique: boolean; where: string | null }>;
  foreignKeys: string[];
  uniqueConstraints: number;
  checks: number;
}

type Config = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;

/** A raw SQL fragment's text (indexes' WHERE clauses are plain sql`…` without parameters). */
function sqlText(fragment: SQL): string {
  return fragment.queryChunks.map((chunk) => (is(chunk, StringChunk) ? chunk.value.join("") : "<param>")).join("");
}

function shape(config: Config, translate: (predicate: string) => string = (p) => p): TableShape {
  const columns: TableShape["columns"] = {};
  for (const c of config.columns) {
    columns[c.name] = {
      dataType: c.dataType,
      notNull: c.notNull,
      primary: c.primary,
      hasDefault: c.hasDefault,
      // SQL defaults (the timestamps) are written in each engine's dialect: only their presence compares.
      default: is(c.default, SQL) ? "<sql>" : c.default,
      enumValues: c.enumValues,
    };
  }
  const indexes: TableShape["indexes"] = {};
  for (const { config: ix } of config.indexes) {
    indexes[ix.name ?? "<unnamed>"] = {
      columns: ix.columns.map((c) => (is(c, SQL) ? sqlText(c) : String((c as { name?: string }).name))),
      unique: ix.unique,
      where: ix.where ? translate(sqlText(ix.where)) : null,
    };
  }
  return {
    name: config.name,
    columns,
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    indexes,
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        const from = ref.columns.map((c) => c.name).join(",");
        const to = ref.foreignColumns.map((c) => c.name).join(",");
        // SQLite leaves an unspecified action undefined, pg-core writes "no action": the same thing.
        return `(${from}) → ${getTableName(ref.foreignTable)}(${to}) on delete ${fk.onDelete ?? "no action"} on update ${fk.onUpdate ?? "no action"}`;
      })
      .sort(),
    uniqueConstraints: config.uniqueConstraints.length,
    checks: config.checks.length,
  };
}

const sqliteTables = new Map(Object.entries(sqlite).flatMap(([name, v]) => (is(v, SQLiteTable) ? [[name, v] as const] : [])));
const pgTables = new Map(Object.entries(pg).flatMap(([name, v]) => (is(v, PgTable) ? [[name, v] as const] : [])));

/** Each schema module's table exports, by export name. */
type Tables<S> = { [K in keyof S as S[K] extends Table ? K : never]: S[K] };
type Selects<S> = { [K in keyof Tables<S>]: Tables<S>[K] extends { $inferSelect: infer R } ? R : never };
type Inserts<S> = { [K in keyof Tables<S>]: Tables<S>[K] extends { $inferInsert: infer R } ? R : never };

describe("PostgreSQL schema parity", () => {
  it("exports the same tables under the same names", () => {
    expect(sqliteTables.size).toBeGreaterThan(10);
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
  });

  it.each([...sqliteTables.keys()])("%s: same SQL name, columns, keys, indexes and defaults", (name) => {
    const pgTable = pgTables.get(name);
    expect(pgTable, `db/schema-pg.ts exports no table ${name}`).toBeDefined();
    const expected = shape(sqliteTableConfig(sqliteTables.get(name)!), (p) => PREDICATE_TRANSLATIONS[p] ?? p);
    const actual = shape(pgTableConfig(pgTable!));
    expect(actual.name).toBe(expected.name);
    expect(Object.keys(actual.columns).sort()).toEqual(Object.keys(expected.columns).sort());
    expect(actual).toEqual(expected);
  });

  it("infers the same row types for every table", () => {
    // Every table at once: fails to compile when a table exists in one schema only.
    expectTypeOf<Selects<typeof pg>>().toEqualTypeOf<Selects<typeof sqlite>>();
    expectTypeOf<Inserts<typeof pg>>().toEqualTypeOf<Inserts<typeof sqlite>>();
    // Table by table, for a readable compiler message.
    expectTypeOf<typeof pg.surveys.$inferSelect>().toEqualTypeOf<typeof sqlite.surveys.$inferSelect>();
    expectTypeOf<typeof pg.surveys.$inferInsert>().toEqualTypeOf<typeof sqlite.surveys.$inferInsert>();
    expectTypeOf<typeof pg.surveyVersions.$inferSelect>().toEqualTypeOf<typeof sqlite.surveyVersions.$inferSelect>();
    expectTypeOf<typeof pg.surveyVersions.$inferInsert>().toEqualTypeOf<typeof sqlite.surveyVersions.$inferInsert>();
    expectTypeOf<typeof pg.units.$inferSelect>().toEqualTypeOf<typeof sqlite.units.$inferSelect>();
    expectTypeOf<typeof pg.units.$inferInsert>().toEqualTypeOf<typeof sqlite.units.$inferInsert>();
    expectTypeOf<typeof pg.responses.$inferSelect>().toEqualTypeOf<typeof sqlite.responses.$inferSelect>();
    expectTypeOf<typeof pg.responses.$inferInsert>().toEqualTypeOf<typeof sqlite.responses.$inferInsert>();
    expectTypeOf<typeof pg.surveyDimensions.$inferSelect>().toEqualTypeOf<typeof sqlite.surveyDimensions.$inferSelect>();
    expectTypeOf<typeof pg.surveyDimensions.$inferInsert>().toEqualTypeOf<typeof sqlite.surveyDimensions.$inferInsert>();
    expectTypeOf<typeof pg.needRatings.$inferSelect>().toEqualTypeOf<typeof sqlite.needRatings.$inferSelect>();
    expectTypeOf<typeof pg.needRatings.$inferInsert>().toEqualTypeOf<typeof sqlite.needRatings.$inferInsert>();
    expectTypeOf<typeof pg.releaseBatches.$inferSelect>().toEqualTypeOf<typeof sqlite.releaseBatches.$inferSelect>();
    expectTypeOf<typeof pg.releaseBatches.$inferInsert>().toEqualTypeOf<typeof sqlite.releaseBatches.$inferInsert>();
    expectTypeOf<typeof pg.releaseCells.$inferSelect>().toEqualTypeOf<typeof sqlite.releaseCells.$inferSelect>();
    expectTypeOf<typeof pg.releaseCells.$inferInsert>().toEqualTypeOf<typeof sqlite.releaseCells.$inferInsert>();
    expectTypeOf<typeof pg.surveyRounds.$inferSelect>().toEqualTypeOf<typeof sqlite.surveyRounds.$inferSelect>();
    expectTypeOf<typeof pg.surveyRounds.$inferInsert>().toEqualTypeOf<typeof sqlite.surveyRounds.$inferInsert>();
    expectTypeOf<typeof pg.users.$inferSelect>().toEqualTypeOf<typeof sqlite.users.$inferSelect>();
    expectTypeOf<typeof pg.users.$inferInsert>().toEqualTypeOf<typeof sqlite.users.$inferInsert>();
    expectTypeOf<typeof pg.sessions.$inferSelect>().toEqualTypeOf<typeof sqlite.sessions.$inferSelect>();
    expectTypeOf<typeof pg.sessions.$inferInsert>().toEqualTypeOf<typeof sqlite.sessions.$inferInsert>();
    expectTypeOf<typeof pg.loginFailures.$inferSelect>().toEqualTypeOf<typeof sqlite.loginFailures.$inferSelect>();
    expectTypeOf<typeof pg.loginFailures.$inferInsert>().toEqualTypeOf<typeof sqlite.loginFailures.$inferInsert>();
    expectTypeOf<typeof pg.auditLog.$inferSelect>().toEqualTypeOf<typeof sqlite.auditLog.$inferSelect>();
    expectTypeOf<typeof pg.auditLog.$inferInsert>().toEqualTypeOf<typeof sqlite.auditLog.$inferInsert>();
    expectTypeOf<typeof pg.trainingPlanVersions.$inferSelect>().toEqualTypeOf<typeof sqlite.trainingPlanVersions.$inferSelect>();
    expectTypeOf<typeof pg.trainingPlanVersions.$inferInsert>().toEqualTypeOf<typeof sqlite.trainingPlanVersions.$inferInsert>();
    expectTypeOf<typeof pg.appMeta.$inferSelect>().toEqualTypeOf<typeof sqlite.appMeta.$inferSelect>();
    expectTypeOf<typeof pg.appMeta.$inferInsert>().toEqualTypeOf<typeof sqlite.appMeta.$inferInsert>();
    // The row-type aliases both schemas export.
    expectTypeOf<pg.ResponseRow>().toEqualTypeOf<sqlite.ResponseRow>();
    expectTypeOf<pg.UnitRow>().toEqualTypeOf<sqlite.UnitRow>();
    expectTypeOf<pg.UserRow>().toEqualTypeOf<sqlite.UserRow>();
    expectTypeOf<pg.NeedRatingInsert>().toEqualTypeOf<sqlite.NeedRatingInsert>();
  });
});
