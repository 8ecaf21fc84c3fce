// The needs filters as terms on the responses table (the grouping fields live in its JSON), for
// the reads that go through responses rather than need_ratings: profile, open answers, demo counts.
import { sql, type SQL } from "drizzle-orm";
import { submittedBounds } from "@/lib/needs/filters";
import { responses } from "../schema";
import type { ResolvedFilters } from "./needs";

export function responseFilterTerms(f: ResolvedFilters): SQL[] {
  const bounds = submittedBounds(f);
  const terms: SQL[] = [];
  const field = (key: string, value: string | undefined) => {
    if (value !== undefined) terms.push(sql`json_extract(${responses.data}, ${`$.${key}`}) = ${value}`);
  };
  field("institucion", f.institucion);
  field("region", f.region);
  field("cargo_categoria", f.cargo_categoria);
  field("anios_casos", f.anios_casos);
  if (f.unitId !== undefined) terms.push(sql`${responses.unitId} = ${f.unitId}`);
  if (bounds.from) terms.push(sql`${responses.submittedAt} >= ${bounds.from}`);
  if (bounds.toExclusive) terms.push(sql`${responses.submittedAt} < ${bounds.toExclusive}`);
  return terms;
}
