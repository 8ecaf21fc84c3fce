// The slot column (dim1 … dim8 of responses and need_ratings) that holds each breakdown question of a
// survey. A slot, once given to a question, is never reused, so responses to every version of a
// survey keep their values; a breakdown declared later gets the next free slot, filled at once from
// the stored answers, so the figures cover every response ever received.
import { eq, sql, type SQL } from "drizzle-orm";
import { AppError } from "@/lib/http/app-error";
import { MAX_QUESTION_BREAKDOWNS } from "@/lib/needs/declaration";
import type { Db } from "../client";
import { needRatings, responses, surveyDimensions } from "../schema";

/** Breakdown question name → slot number (1-based). */
export type DimensionSlots = ReadonlyMap<string, number>;

export type DimensionColumns = { [K in `dim${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8}`]: string | null };

const cache = new WeakMap<Db, Map<string, { names: string; slots: DimensionSlots }>>();

function readSlots(db: Db, slug: string): Map<string, number> {
  const rows = db
    .select({ name: surveyDimensions.name, slot: surveyDimensions.slot })
    .from(surveyDimensions)
    .where(eq(surveyDimensions.surveySlug, slug))
    .all();
  return new Map(rows.map((r) => [r.name, r.slot]));
}

/** The text stored for a breakdown answer, from the response's JSON (as lib/needs/breakdown-values.ts). */
function storedValue(name: string): SQL {
  const path = `$."${name}"`;
  return sql`case json_type(${responses.data}, ${path})
    when 'text' then json_extract(${responses.data}, ${path})
    when 'integer' then cast(json_extract(${responses.data}, ${path}) as text)
    when 'real' then cast(json_extract(${responses.data}, ${path}) as text)
    when 'true' then 'true' when 'false' then 'false' end`;
}

/** Column `dim<slot>` of the responses or need_ratings table. */
export function dimColumn(table: typeof responses | typeof needRatings, slot: number): SQL {
  const column = table[`dim${slot}` as keyof DimensionColumns];
  if (!column) throw new Error(`no dimension slot ${slot}`);
  return sql`${column}`;
}

/**
 * The slots of the survey's breakdown questions, giving (and filling) a slot to any that has none.
 * Cached per connection; the database is only read again when the declared names change.
 */
export function ensureDimensionSlots(db: Db, slug: string, names: readonly string[]): DimensionSlots {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const key = names.join("\u0000");
  const cached = perDb.get(slug);
  if (cached?.names === key) return cached.slots;
  const slots = db.transaction(
    (tx) => {
      const current = readSlots(tx as unknown as Db, slug);
      for (const name of names) {
        if (current.has(name)) continue;
        const used = new Set(current.values());
        const slot = Array.from({ length: MAX_QUESTION_BREAKDOWNS }, (_, i) => i + 1).find((s) => !used.has(s));
        if (slot === undefined) {
          throw new AppError(
            409,
            "survey_dimensions_exhausted",
            `Survey "${slug}" has used all ${MAX_QUESTION_BREAKDOWNS} breakdown slots across its versions; "${name}" cannot be added.`,
          );
        }
        tx.insert(surveyDimensions).values({ surveySlug: slug, name, slot }).run();
        // SET takes the bare column name (no table prefix).
        const target = sql.identifier(`dim${slot}`);
        tx.run(sql`update ${responses} set ${target} = ${storedValue(name)} where ${responses.surveySlug} = ${slug}`);
        tx.run(sql`update ${needRatings} set ${target} =
          (select ${dimColumn(responses, slot)} from ${responses} where ${responses.id} = ${needRatings.responseId})
          where ${needRatings.surveySlug} = ${slug}`);
        current.set(name, slot);
      }
      return current;
    },
    { behavior: "immediate" },
  );
  perDb.set(slug, { names: key, slots });
  return slots;
}

/** The slot columns of a row, from breakdown name → value (unused slots null). */
export function dimensionColumns(slots: DimensionSlots, values: ReadonlyMap<string, string | null>): DimensionColumns {
  const out: DimensionColumns = { dim1: null, dim2: null, dim3: null, dim4: null, dim5: null, dim6: null, dim7: null, dim8: null };
  for (const [name, value] of values) {
    const slot = slots.get(name);
    if (slot !== undefined) out[`dim${slot}` as keyof DimensionColumns] = value;
  }
  return out;
}
