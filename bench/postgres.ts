// PostgreSQL for the benchmarks: a throwaway cluster (tests/support/postgres.ts: initdb on a temp
// directory, 127.0.0.1, fsync on) stopped and removed however the run ends, and a bulk copy of a
// SQLite database into a migrated PostgreSQL one (for the needs bench's 100k responses).
//
// The copy is not db/copy.ts (npm run db:copy), which verifies every table by reading it back in
// pages (LIMIT/OFFSET) inside one transaction — right for moving a real database over, but slow at
// 1.8 million need_ratings rows. Here each table goes over in a few hundred multi-row INSERTs
// (json_populate_recordset of 5,000 rows), then the row counts are compared.
import Database from "better-sqlite3";
import { Client } from "pg";
import { tablesInCopyOrder } from "@/db/copy";
import { startPostgres, type TestPostgres } from "../tests/support/postgres";

/** Runs `body` with a throwaway PostgreSQL cluster; always stops it and deletes its files. */
export async function withPostgres<T>(body: (pg: TestPostgres) => Promise<T>): Promise<T> {
  const pg = await startPostgres();
  const onSignal = () => void pg.stop().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return await body(pg);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await pg.stop();
  }
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const CHUNK = 5_000;

/**
 * Copies every table of the SQLite file into the PostgreSQL database at `url` (migrated by openDb,
 * empty), in one transaction; identity columns continue after the largest id. Returns the rows per
 * table; throws if a table's count differs afterwards.
 */
export async function bulkCopyToPostgres(sqliteFile: string, url: string): Promise<Map<string, number>> {
  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  const client = new Client({ connectionString: url });
  await client.connect();
  const copied = new Map<string, number>();
  try {
    await client.query("begin");
    for (const table of tablesInCopyOrder()) {
      const columns = (
        await client.query<{ column_name: string; data_type: string; is_identity: string }>(
          `select column_name, data_type, is_identity from information_schema.columns
           where table_schema = 'public' and table_name = $1 order by ordinal_position`,
          [table],
        )
      ).rows;
      if (columns.length === 0) throw new Error(`no table ${table} in the PostgreSQL database`);
      const list = columns.map((c) => ident(c.column_name)).join(", ");
      // SQLite stores booleans as 0/1.
      const booleans = columns.filter((c) => c.data_type === "boolean").map((c) => c.column_name);
      const insert = `insert into ${ident(table)} (${list}) select ${list} from json_populate_recordset(null::${ident(table)}, $1::json)`;
      let chunk: Record<string, unknown>[] = [];
      let rows = 0;
      const flush = async () => {
        if (chunk.length === 0) return;
        await client.query(insert, [JSON.stringify(chunk)]);
        rows += chunk.length;
        chunk = [];
      };
      for (const row of source.prepare(`select ${list} from ${ident(table)}`).iterate() as Iterable<Record<string, unknown>>) {
        for (const b of booleans) if (row[b] !== null) row[b] = row[b] === 1 || row[b] === true;
        chunk.push(row);
        if (chunk.length >= CHUNK) await flush();
      }
      await flush();
      for (const c of columns.filter((c) => c.is_identity === "YES")) {
        await client.query(
          `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${ident(c.column_name)}) from ${ident(table)}), 0) + 1, false)`,
          [table, c.column_name],
        );
      }
      const [{ n }] = (await client.query<{ n: number }>(`select count(*)::int n from ${ident(table)}`)).rows as [{ n: number }];
      const expected = (source.prepare(`select count(*) n from ${ident(table)}`).get() as { n: number }).n;
      if (n !== expected || rows !== expected) throw new Error(`table ${table}: ${n} rows in PostgreSQL, ${expected} in SQLite`);
      copied.set(table, n);
    }
    await client.query("commit");
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    await client.end();
    source.close();
  }
  return copied;
}

/** VACUUM (ANALYZE) the whole database: statistics for the planner and a visibility map for index-only scans. */
export async function vacuumAnalyze(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("vacuum (analyze)");
  } finally {
    await client.end();
  }
}

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  Strategy?: string;
  "Workers Planned"?: number;
  Plans?: PlanNode[];
}

/** A plan in one line, outermost node first: "HashAggregate ← Seq Scan", with the index used. */
export function planSummary(plan: PlanNode): string {
  const parts: string[] = [];
  for (let node: PlanNode | undefined = plan; node; node = node.Plans?.[0]) {
    const aggregate: Record<string, string> = { Sorted: "GroupAggregate", Hashed: "HashAggregate", Mixed: "MixedAggregate" };
    const strategy = (node["Node Type"] === "Aggregate" && node.Strategy && aggregate[node.Strategy]) || node["Node Type"];
    const workers = node["Workers Planned"] ? ` (${node["Workers Planned"]} workers)` : "";
    parts.push(`${strategy}${node["Index Name"] ? ` using ${node["Index Name"]}` : ""}${workers}`);
  }
  return parts.join(" ← ");
}
