// The training plan as a Word document (A4, docx library): the accepted modules in order, each with
// the figures that justify it (Borich table), its audience by group and by place with bars drawn
// as text, the places and months; then format and calendar. Only figures the plan shows appear.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { TOP_N } from "./draft-plan";
import type { Logistics, LogisticsItem, LogisticsQuestion } from "./logistics";
import { decimal, fill, moduleTitle, percent, type PlanLabels } from "./plan-labels";
import type { PlanModule, TrainingPlan } from "./plan-edits";

export type DocTexts = Record<string, string>;

export interface PlanDocInput {
  surveyTitle: string;
  plan: TrainingPlan;
  logistics: Logistics | null;
  k: number;
  n: number | null;
  labels: PlanLabels;
  texts: DocTexts;
  /** Texts of the module ("plan.module" messages): scope, reasons. */
  moduleTexts: DocTexts;
  date: string;
  filters: string[];
  demoResponses: number;
}

const BAR_WIDTH = 20;
/** A bar drawn with block characters: readable in Word, LibreOffice and a plain-text reader. */
export function textBar(share: number): string {
  const cells = Math.max(0, Math.min(BAR_WIDTH, Math.round(share * BAR_WIDTH)));
  return "█".repeat(cells) + "░".repeat(BAR_WIDTH - cells);
}

const border = { style: BorderStyle.SINGLE, size: 4, color: "999999" };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, options: { header?: boolean; right?: boolean; mono?: boolean } = {}): TableCell {
  return new TableCell({
    borders,
    shading: options.header ? { type: ShadingType.CLEAR, color: "auto", fill: "E6ECF2" } : undefined,
    children: [
      new Paragraph({
        alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: options.header, font: options.mono ? "Consolas" : undefined, size: 18 })],
      }),
    ],
  });
}

function table(header: string[], rows: string[][], numeric: boolean[] = [], mono: boolean[] = []): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { header: true })) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, { right: numeric[i], mono: mono[i] })) })),
    ],
  });
}

const para = (text: string, options: { bold?: boolean; italic?: boolean } = {}) =>
  new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text, bold: options.bold, italics: options.italic })] });
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, spacing: { before: 240, after: 120 }, children: [new TextRun(text)] });

function moduleBlock(m: PlanModule, index: number, input: PlanDocInput): (Paragraph | Table)[] {
  const { labels, texts: t, moduleTexts: mt } = input;
  const loc = labels.locale;
  const out: (Paragraph | Table)[] = [heading(`${fill(t.moduleN!, { n: index + 1 })}. ${moduleTitle(m, labels)}`, HeadingLevel.HEADING_2)];
  out.push(
    para(m.scope === "specific" && m.group !== null ? fill(mt.scopeSpecific!, { group: labels.group(m.group) }) : mt.scopeCore!, { italic: true }),
  );
  const highFor = [...new Set(m.topics.flatMap((x) => x.highFor.map((g) => labels.group(g.group))))];
  out.push(para(highFor.length ? fill(mt.highFor!, { list: highFor.join(", ") }) : fill(mt.highForNone!, { top: TOP_N })));
  out.push(heading(t.figures!, HeadingLevel.HEADING_3));
  out.push(
    table(
      [t.topic!, t.importance!, t.competence!, t.discrepancy!, t.mwds!, t.rank!, t.quadrant!, t.n!],
      m.topics.flatMap((x) =>
        x.figures
          ? [
              [
                `${x.topic} ${labels.topic(x.topic)}`,
                decimal(x.figures.meanImportance, loc),
                decimal(x.figures.meanCompetence, loc),
                decimal(x.figures.meanDiscrepancy, loc),
                decimal(x.figures.mwds, loc),
                String(x.figures.rank ?? "–"),
                labels.quadrant(x.figures.quadrant),
                String(x.figures.n),
              ],
            ]
          : [],
      ),
      [false, true, true, true, true, true, false, true],
    ),
  );
  const total = m.audience.respondents;
  if (m.audience.byGroup.length) {
    out.push(heading(fill(t.audienceByGroup!, { dimension: labels.groupsTitle }), HeadingLevel.HEADING_3));
    out.push(
      table(
        [t.group!, t.respondentsCol!, t.bar!],
        m.audience.byGroup.map((g) => [labels.group(g.group), String(g.respondents), total ? textBar(g.respondents / total) : ""]),
        [false, true, false],
        [false, false, true],
      ),
    );
  }
  if (m.audience.sites.length && labels.sitesTitle) {
    const withOfficials = m.audience.sites.some((s) => s.officials !== null);
    out.push(heading(fill(t.audienceBySite!, { dimension: labels.sitesTitle }), HeadingLevel.HEADING_3));
    out.push(
      table(
        [t.site!, t.respondentsCol!, ...(withOfficials ? [t.officials!] : []), t.bar!],
        m.audience.sites.map((s) => [
          `${labels.site(s.site)}${m.audience.suggested.includes(s.site) ? ` (${mt.suggested})` : ""}`,
          String(s.respondents),
          ...(withOfficials ? [s.officials === null ? "–" : String(s.officials)] : []),
          total ? textBar(s.respondents / total) : "",
        ]),
        [false, true, ...(withOfficials ? [true] : []), false],
        [false, false, ...(withOfficials ? [false] : []), true],
      ),
    );
  }
  if (labels.sitesTitle) out.push(para(fill(t.places!, { list: m.places.map(labels.site).join(", ") || t.none! })));
  if (m.months.length || input.logistics?.months) out.push(para(fill(t.months!, { list: m.months.map(labels.month).join(", ") || t.none! })));
  if (m.notes.trim()) out.push(para(fill(t.notes!, { text: m.notes.trim() })));
  return out;
}

function logisticsTable(q: LogisticsQuestion, t: DocTexts, labels: PlanLabels): Table {
  const shown = q.items.filter((i: LogisticsItem) => i.count !== null);
  return table(
    [t.option!, t.count!, t.share!, t.bar!],
    shown.map((i) => [i.label[labels.locale], String(i.count), percent(i.share, labels.locale), textBar(i.share ?? 0)]),
    [false, true, true, false],
    [false, false, false, true],
  );
}

function logisticsBlock(l: Logistics, input: PlanDocInput): (Paragraph | Table)[] {
  const { texts: t, labels } = input;
  const loc = labels.locale;
  const out: (Paragraph | Table)[] = [heading(t.logisticsTitle!, HeadingLevel.HEADING_1)];
  if (l.modality) {
    const max = Math.max(0, l.modality.items.length - 1);
    out.push(heading(l.modality.title[loc], HeadingLevel.HEADING_3), para(t.modality!, { italic: true }));
    out.push(
      table(
        [t.option!, fill(t.borda!, { max }), t.first!, t.bar!],
        l.modality.items.map((i) => [
          i.label[loc],
          decimal(i.borda, loc),
          percent(i.share, loc),
          i.borda === null ? "" : textBar(max ? i.borda / max : 0),
        ]),
        [false, true, true, false],
        [false, false, false, true],
      ),
    );
  }
  for (const field of ["duration", "schedule"] as const) {
    const q = l[field];
    if (q) out.push(heading(q.title[loc], HeadingLevel.HEADING_3), logisticsTable(q, t, labels));
  }
  if (l.months) {
    out.push(heading(l.months.title[loc], HeadingLevel.HEADING_3));
    out.push(para(fill(t.bestMonths!, { list: l.months.best.map(labels.month).join(", ") || t.none! }), { bold: true }));
    out.push(logisticsTable(l.months, t, labels));
  }
  if (l.obstacles) {
    out.push(heading(l.obstacles.title[loc], HeadingLevel.HEADING_3));
    out.push(
      table(
        [t.option!, t.count!, t.share!, t.implication!],
        l.obstacles.items
          .filter((i) => i.count !== null)
          .map((i) => [i.label[loc], String(i.count), percent(i.share, loc), i.implication?.[loc] ?? ""]),
        [false, true, true, false],
      ),
    );
  }
  return out;
}

export async function planDocx(input: PlanDocInput): Promise<Buffer> {
  const { texts: t } = input;
  const modules = input.plan.modules.filter((m) => m.accepted && m.shown);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`${t.title} – ${input.surveyTitle}`)] }),
    para(fill(t.generated!, { date: input.date, k: input.k })),
    para(input.filters.length ? fill(t.filters!, { list: input.filters.join(" · ") }) : t.noFilters!),
    para(fill(t.respondents!, { n: input.n ?? 0 })),
  ];
  if (input.demoResponses > 0) children.push(para(fill(t.demo!, { n: input.demoResponses }), { bold: true }));
  children.push(para(fill(t.method!, { top: TOP_N }), { italic: true }), para(fill(t.hiddenNote!, { k: input.k }), { italic: true }));
  if (input.plan.notes.trim()) children.push(heading(t.generalNotes!, HeadingLevel.HEADING_1), para(input.plan.notes.trim()));
  children.push(heading(t.modulesTitle!, HeadingLevel.HEADING_1));
  modules.forEach((m, i) => children.push(...moduleBlock(m, i, input)));
  if (input.logistics) children.push(...logisticsBlock(input.logistics, input));
  const doc = new Document({
    creator: "Sondeo",
    title: `${t.title} – ${input.surveyTitle}`,
    styles: { default: { document: { run: { font: "Calibri", size: 21 } } } },
    sections: [
      { properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children },
    ],
  });
  return Packer.toBuffer(doc);
}
