// Compiled questions that hold other questions: matrixdropdown (fixed rows), matrixdynamic (rows
// from the value) and paneldynamic (panels from the value). Each cell or inner question is a
// compiled question whose conditions see the row as {row.…} or the panel as {panel.…}.
import { CustomError, Helpers } from "survey-core";
import { itemEnv, type Env, type Scope } from "./conditions";
import type { Localizer, Text } from "./localizer";
import { QuestionNode, type AnyObj, type Build, type Issue, type Json } from "./question-node";
import { Unsupported } from "./unsupported";

export type NodeFactory = (build: Build) => QuestionNode;

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Lower-cased name → name of a row's or panel's fields (names survey-core tells apart only by case are not supported). */
function fieldNames(names: string[], owner: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const name of names) {
    if (fields.has(name.toLowerCase())) throw new Unsupported(`${owner}: two fields named "${name}"`);
    fields.set(name.toLowerCase(), name);
  }
  return fields;
}

interface Column {
  name: string;
  node: QuestionNode;
}

function compileColumns(q: AnyObj, json: Json, scope: Scope, localizer: Localizer, factory: NodeFactory): Column[] {
  const columns = q.columns as AnyObj[];
  const jsonColumns = json.columns as Json[];
  const fields = fieldNames(
    columns.map((c) => String(c.name)),
    String(q.name),
  );
  const cellScope: Scope = { top: scope.top, item: { prefix: "row", fields } };
  return columns.map((column, i) => {
    const columnJson = jsonColumns[i];
    if (!columnJson || columnJson.name !== column.name) throw new Unsupported(`${String(q.name)}: columns out of order`);
    const cellType = column.templateQuestion.getType() as string;
    if (["dropdown", "radiogroup", "checkbox", "tagbox"].includes(cellType) && !("choices" in columnJson)) {
      throw new Unsupported(`${String(q.name)}.${String(column.name)}: choices inherited from the matrix`);
    }
    return { name: column.name as string, node: factory({ question: column.templateQuestion, json: columnJson, scope: cellScope, localizer }) };
  });
}

/** Shared by both matrix kinds: the rows' cells, visible per row, checked like questions. */
abstract class MatrixNode extends QuestionNode {
  protected readonly columns: Column[];

  constructor(build: Build, factory: NodeFactory) {
    super(build);
    this.columns = compileColumns(build.question, build.json, build.scope, build.localizer, factory);
  }

  protected cellsHidden(rowValue: unknown, rowKey: string, env: Env, issues: Issue[]): void {
    if (!rowValue) return;
    const row = rowValue as Record<string, unknown>;
    const rowEnv = itemEnv(env, rowValue);
    for (const { name, node } of this.columns) {
      const cell = row[name];
      if (cell === undefined) continue;
      const cellKey = `${rowKey}.${name}`;
      if (!node.isVisible(rowEnv)) {
        issues.push({ key: cellKey, reason: "hidden", message: "answer to a cell that is not shown for these answers" });
      } else node.hiddenInside(cell, cellKey, rowEnv, issues);
    }
  }

  /**
   * survey-core rebuilds a matrix's value from its cells when it builds the rows (during
   * validate()), leaving out every cell without an answer: a cell sent as "", "  " or [] is
   * removed, so the stored value would differ from the one submitted.
   */
  protected hasBlankCell(rows: unknown[]): boolean {
    for (const row of rows) {
      if (!isRecord(row)) continue;
      for (const { name, node } of this.columns) {
        if (name in row && node.isEmpty(row[name]) && row[name] !== undefined) return true;
      }
    }
    return false;
  }

  protected cellErrors(rowValue: unknown, rowKey: string, env: Env, locale: string, issues: Issue[]): void {
    const row = isRecord(rowValue) ? rowValue : {};
    const rowEnv = itemEnv(env, rowValue);
    for (const { name, node } of this.columns) {
      if (!node.isVisible(rowEnv)) continue;
      node.collectErrors(row[name], `${rowKey}.${name}`, rowEnv, locale, issues);
    }
  }
}

export class MatrixDropdownNode extends MatrixNode {
  private readonly rows: string[];

  constructor(build: Build, factory: NodeFactory) {
    super(build, factory);
    this.rows = (build.question.rows as AnyObj[]).map((r) => String(r.value));
  }

  override hiddenInside(value: unknown, key: string, env: Env, issues: Issue[]): void {
    if (!isRecord(value)) return;
    for (const row of this.rows) this.cellsHidden(value[row], `${key}.${row}`, env, issues);
  }

  override changed(value: unknown, key: string, _env: Env, issues: Issue[]): void {
    if (isRecord(value) && this.hasBlankCell(Object.values(value))) {
      issues.push({ key, reason: "changed", message: "value not accepted by the survey" });
    }
  }

  protected override nestedErrors(value: unknown, key: string, env: Env, locale: string, issues: Issue[]): void {
    const matrix = isRecord(value) ? value : {};
    for (const row of this.rows) this.cellErrors(matrix[row], `${key}.${row}`, env, locale, issues);
  }
}

export class MatrixDynamicNode extends MatrixNode {
  private readonly initialRows: number;
  private readonly minRows: number;
  private readonly minRowsText: Text;

  constructor(build: Build, factory: NodeFactory) {
    super(build, factory);
    const q = build.question;
    this.initialRows = Number(q.rowCount ?? 0);
    this.minRows = Number(q.minRowCount ?? 0);
    // MinRowCountError is not exported; its text is this format string.
    this.minRowsText = build.localizer.text(() =>
      new CustomError(q.getLocalizationFormatString("minRowCountError", q.minRowCount), q as never).getText(),
    );
  }

  protected override typeErrors(value: unknown, env: Env, locale: string, out: string[]): void {
    // Only a required matrix counts its answered rows (QuestionMatrixDynamicModel.validateMinRows).
    if (this.minRows <= 0 || !this.isRequired(env)) return;
    const answered = this.rowValues(value).filter((row) => !Helpers.isValueEmpty(row)).length;
    if (answered < this.minRows) out.push(this.minRowsText(locale));
  }

  /** The rows survey-core builds: one per element of the value; rowCount empty ones without it. */
  private rowValues(value: unknown): unknown[] {
    if (Array.isArray(value)) return value;
    return Array.from({ length: this.initialRows }, () => undefined);
  }

  override changed(value: unknown, key: string, _env: Env, issues: Issue[]): void {
    if (Array.isArray(value) && this.hasBlankCell(value)) {
      issues.push({ key, reason: "changed", message: "value not accepted by the survey" });
    }
  }

  protected override nestedErrors(value: unknown, key: string, env: Env, locale: string, issues: Issue[]): void {
    this.rowValues(value).forEach((row, i) => this.cellErrors(row, `${key}[${i}]`, env, locale, issues));
  }
}

export class PanelDynamicNode extends QuestionNode {
  private readonly inner: QuestionNode[];
  private readonly initialPanels: number;

  constructor(build: Build, factory: NodeFactory) {
    super(build);
    const { question: q, json, scope, localizer } = build;
    const template = q.template as AnyObj;
    const elements = (json.templateElements as Json[] | undefined) ?? [];
    const questions = template.elements as AnyObj[];
    if (questions.some((e) => e.isPanel)) throw new Unsupported(`${String(q.name)}: panels inside a dynamic panel`);
    const fields = fieldNames(
      questions.map((e) => String(e.getValueName())),
      String(q.name),
    );
    const innerScope: Scope = { top: scope.top, item: { prefix: "panel", fields } };
    this.inner = questions.map((inner, i) => {
      const innerJson = elements[i];
      if (!innerJson || innerJson.name !== inner.name) throw new Unsupported(`${String(q.name)}: template out of order`);
      return factory({ question: inner, json: innerJson, scope: innerScope, localizer });
    });
    this.initialPanels = Number(q.panelCount ?? 0);
  }

  /** QuestionPanelDynamicModel.isEmpty: no panel has any field, answered or not. */
  override isEmpty(value: unknown): boolean {
    return !Array.isArray(value) || value.every((panel) => !isRecord(panel) || Object.keys(panel).length === 0);
  }

  protected override nestedErrors(value: unknown, key: string, env: Env, locale: string, issues: Issue[]): void {
    const panels = Array.isArray(value) && value.length > 0 ? value : Array.from({ length: this.initialPanels }, () => undefined);
    panels.forEach((panel, i) => {
      const data = isRecord(panel) ? panel : {};
      const panelEnv = itemEnv(env, panel);
      for (const q of this.inner) {
        if (!q.isVisible(panelEnv)) continue;
        q.collectErrors(data[q.valueName], `${key}[${i}].${q.valueName}`, panelEnv, locale, issues);
      }
    });
  }
}
