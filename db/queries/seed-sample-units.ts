// Seeds the 21-unit sample distribution list once per database (coordinators then edit it).
import { eq } from "drizzle-orm";
import { newLinkCode } from "@/lib/codes/random-code";
import { type Db, tablesOf } from "../client";
import { first, transaction } from "../dialect";

const SAMPLE: ReadonlyArray<[code: string, region: string, place: string, kind: "cr" | "mt", expected: number]> = [
  ["CR-TUM", "PE-TUM", "Tumbes", "cr", 18],
  ["CR-PIU", "PE-PIU", "Piura", "cr", 14],
  ["CR-LAM", "PE-LAM", "Lambayeque", "cr", 10],
  ["CR-LAL", "PE-LAL", "La Libertad", "cr", 12],
  ["MT-CAJ", "PE-CAJ", "Cajamarca", "mt", 8],
  ["MT-AMA", "PE-AMA", "Amazonas", "mt", 6],
  ["CR-LOR", "PE-LOR", "Loreto", "cr", 12],
  ["CR-SAM", "PE-SAM", "San Martín", "cr", 8],
  ["MT-UCA", "PE-UCA", "Ucayali", "mt", 7],
  ["CR-MDD", "PE-MDD", "Madre de Dios", "cr", 10],
  ["CR-CUS", "PE-CUS", "Cusco", "cr", 12],
  ["CR-PUN", "PE-PUN", "Puno", "cr", 14],
  ["CR-TAC", "PE-TAC", "Tacna", "cr", 20],
  ["MT-MOQ", "PE-MOQ", "Moquegua", "mt", 6],
  ["CR-ARE", "PE-ARE", "Arequipa", "cr", 12],
  ["MT-AYA", "PE-AYA", "Ayacucho", "mt", 6],
  ["CR-JUN", "PE-JUN", "Junín", "cr", 9],
  ["MT-HUC", "PE-HUC", "Huánuco", "mt", 6],
  ["MT-ICA", "PE-ICA", "Ica", "mt", 7],
  ["MT-ANC", "PE-ANC", "Áncash", "mt", 7],
  ["CR-LMA", "PE-LMA", "Lima Metropolitana", "cr", 25],
];

function unitName(kind: "cr" | "mt", place: string): string {
  return kind === "cr"
    ? `Comisión Regional contra la Trata de Personas y el Tráfico Ilícito de Migrantes – ${place}`
    : `Mesa de Trabajo contra la Trata de Personas y el Tráfico Ilícito de Migrantes – ${place}`;
}

export const SAMPLE_UNIT_COUNT = SAMPLE.length;

/** Inserts the sample once; never again after that, even if a coordinator deletes units. */
export async function seedSampleUnits(db: Db): Promise<void> {
  const { appMeta, units } = tablesOf(db);
  await transaction(db, async (tx) => {
    const done = await first(tx.select().from(appMeta).where(eq(appMeta.key, "sample_units_seeded")));
    if (done) return;
    for (const [code, region, place, kind, expected] of SAMPLE) {
      await tx
        .insert(units)
        .values({
          code,
          name: unitName(kind, place),
          institution: kind === "cr" ? "Comisión regional" : "Mesa de trabajo",
          region,
          expected,
          linkCode: newLinkCode(),
          isSample: true,
        })
        .onConflictDoNothing();
    }
    await tx.insert(appMeta).values({ key: "sample_units_seeded", value: new Date().toISOString() });
  });
}
