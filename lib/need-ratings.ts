// Turns a completed response's need matrix into the long rows the dashboards aggregate.
export interface NeedRating {
  topic: string;
  importancia: number | null;
  dominio: number | null;
  noAplica: boolean;
}

export interface GroupingFields {
  institucion: string | null;
  region: string | null;
  cargoCategoria: string | null;
  aniosCasos: string | null;
}

const rating = (v: unknown): number | null =>
  typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 5 ? v : null;

export function extractNeedRatings(topics: readonly string[], matrix: unknown): NeedRating[] {
  const rows = (matrix && typeof matrix === "object" ? matrix : {}) as Record<string, Record<string, unknown>>;
  return topics.map((topic) => {
    const row = rows[topic] ?? {};
    const noAplica = row.no_aplica === true;
    return {
      topic,
      importancia: noAplica ? null : rating(row.importancia),
      dominio: noAplica ? null : rating(row.dominio),
      noAplica,
    };
  });
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

export function extractGroupingFields(data: Record<string, unknown>): GroupingFields {
  return {
    institucion: str(data.institucion),
    region: str(data.region),
    cargoCategoria: str(data.cargo_categoria),
    aniosCasos: str(data.anios_casos),
  };
}
