// The slot column (dim1 … dim8 of responses and need_ratings) that holds each breakdown question of a
// survey. A slot, once given to a question, is never reused, so responses to every version of a
// survey keep their values; a breakdown declared later gets the next free slot, filled at once from
// the stored answers, so the figures cover every response ever received.
import { eq, sql, type SQL } from "drizzle-orm";
import { AppError } from "@/lib/http/app-error";
import { MAX_QUESTION_BREAKDOWNS } from "@/lib/needs/declaration";
import { type Db, tablesOf } from "../client";
import { jsonScalarText, run, transaction } from "../dialect";
import type { needRatings, responses } from "../schema";

/** Breakdown question name → slot number (1-based). */
export type DimensionSlots = ReadonlyMap<string, number>;

export type DimensionColumns = { [K in `dim${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8}`]: string | null };

const cache = new WeakMap<Db, Map<string, { names: string; slots: DimensionSlots }>>();

async function readSlots(db: Db, slug: string): Promise<Map<string, number>> {
  const { surveyDimensions } = tablesOf(db);
  const rows = await db
    .select({ name: surveyDimensions.name, slot: surveyDimensions.slot })
    .from(surveyDimensions)
    .where(eq(surveyDimensions.surveySlug, slug));
  return new Map(rows.map((r) => [r.name, r.slot]));
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
export async function ensureDimensionSlots(db: Db, slug: string, names: readonly string[]): Promise<DimensionSlots> {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const key = names.join("\u0000");
  const cached = perDb.get(slug);
  if (cached?.names === key) return cached.slots;
  const { needRatings, responses, surveyDimensions } = tablesOf(db);
  const slots = await transaction(db, async (tx) => {
    const current = await readSlots(tx, slug);
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
      await tx.insert(surveyDimensions).values({ surveySlug: slug, name, slot });
      // SET takes the bare column name (no table prefix).
      const target = sql.identifier(`dim${slot}`);
      await run(tx, sql`update ${responses} set ${target} = ${jsonScalarText(tx, responses.data, name)} where ${responses.surveySlug} = ${slug}`);
      await run(
        tx,
        sql`update ${needRatings} set ${target} =
          (select ${dimColumn(responses, slot)} from ${responses} where ${responses.id} = ${needRatings.responseId})
          where ${needRatings.surveySlug} = ${slug}`,
      );
      current.set(name, slot);
    }
    return current;
  });
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
