// The part of the SurveyJS JSON the compiled validator models exactly. Every property of every
// survey, page, panel, question, column, choice and validator must be listed here: either it only
// changes presentation, or the compiler implements it. Anything else (custom question types,
// choicesByUrl, calculated values, triggers, defaultValue, masks, detail panels…) is unsupported
// and that survey is validated by survey-core itself — an unknown property is never guessed at.
import { Unsupported } from "./unsupported";

type Json = Record<string, unknown>;

const SURVEY = new Set([
  "title",
  "description",
  "logo",
  "logoWidth",
  "logoHeight",
  "logoFit",
  "logoPosition",
  "slug",
  "needsAssessment",
  "pages",
  "elements",
  "questions",
  "completedHtml",
  "completedBeforeHtml",
  "loadingHtml",
  "completedHtmlOnCondition",
  "showProgressBar",
  "progressBarType",
  "progressBarLocation",
  "progressBarShowNavigationText",
  "progressBarShowPageNumbers",
  "progressBarShowPageTitles",
  "showQuestionNumbers",
  "questionErrorLocation",
  "questionTitleLocation",
  "questionDescriptionLocation",
  "requiredMark",
  "requiredText",
  "textUpdateMode",
  "clearInvisibleValues",
  "checkErrorsMode",
  "widthMode",
  "width",
  "showNavigationButtons",
  "navigationButtonsLocation",
  "showPrevButton",
  "showTitle",
  "showPageTitles",
  "showPageNumbers",
  "showCompletedPage",
  "autoAdvanceEnabled",
  "goNextPageAutomatic",
  "pagePrevText",
  "pageNextText",
  "completeText",
  "previewText",
  "headerView",
  "fitToContainer",
  "autoFocusFirstQuestion",
  "focusFirstQuestionAutomatic",
  "showTOC",
  "tocLocation",
  "navigateToUrl",
  "cookieName",
  "questionsOrder",
  "maxTextLength",
  "maxCommentLength",
  "locale",
  "showBrandInfo",
]);

const PAGE = new Set([
  "name",
  "elements",
  "questions",
  "title",
  "description",
  "navigationTitle",
  "navigationDescription",
  "visibleIf",
  "visible",
  "questionTitleLocation",
  "questionsOrder",
]);

const PANEL = new Set([
  "type",
  "name",
  "elements",
  "questions",
  "title",
  "description",
  "visibleIf",
  "visible",
  "state",
  "questionTitleLocation",
  "startWithNewLine",
  "width",
  "minWidth",
  "maxWidth",
  "innerIndent",
  "indent",
  "showNumber",
  "showQuestionNumbers",
  "questionStartIndex",
  "questionErrorLocation",
  "colSpan",
  "questionsOrder",
  "showTitle",
]);

/** Properties of every question: presentation, or modelled (visibility, required, validators). */
const QUESTION = [
  "type",
  "name",
  "title",
  "description",
  "descriptionLocation",
  "titleLocation",
  "showTitle",
  "showNumber",
  "hideNumber",
  "width",
  "minWidth",
  "maxWidth",
  "colSpan",
  "startWithNewLine",
  "indent",
  "state",
  "useDisplayValuesInDynamicTexts",
  "useDisplayValuesInTitle",
  "errorLocation",
  "correctAnswer",
  "visible",
  "visibleIf",
  "isRequired",
  "requiredIf",
  "requiredErrorText",
  "enableIf",
  "readOnly",
  "validators",
  "valueName",
  // Runs only when a respondent changes a value, never when a whole response is assigned.
  "resetValueIf",
];

const TEXT_LIKE = ["placeholder", "maxLength", "textUpdateMode", "autocomplete", "size", "inputSize", "inputTextAlignment", "dataList"];
const CHOICES = ["choices", "choicesOrder", "colCount", "separateSpecialChoices", "searchEnabled", "searchMode", "allowClear", "placeholder"];
const RATING = [
  "rateMin",
  "rateMax",
  "rateStep",
  "rateValues",
  "rateType",
  "rateCount",
  "rateDisplayMode",
  "displayMode",
  "minRateDescription",
  "maxRateDescription",
  "displayRateDescriptionsAsExtremeItems",
  "autoGenerate",
  "scaleColorMode",
  "rateColorMode",
  "rateDescriptionLocation",
];
const BOOLEAN = ["labelTrue", "labelFalse", "label", "swapOrder", "renderAs", "displayMode", "valueTrue", "valueFalse"];
const NUMBER = ["inputType", "min", "max", "step", "minErrorText", "maxErrorText", "stepErrorText"];
const MATRIX = [
  "columns",
  "rows",
  "cellType",
  "choices",
  "columnMinWidth",
  "rowTitleWidth",
  "horizontalScroll",
  "alternateRows",
  "displayMode",
  "showHeader",
  "verticalAlign",
  "cellErrorLocation",
  "columnColCount",
];

const BY_TYPE: Record<string, Set<string>> = {
  text: new Set([...QUESTION, ...TEXT_LIKE, ...NUMBER]),
  comment: new Set([...QUESTION, ...TEXT_LIKE, "rows", "cols", "autoGrow", "allowResize", "acceptCarriageReturn"]),
  boolean: new Set([...QUESTION, ...BOOLEAN]),
  radiogroup: new Set([...QUESTION, ...CHOICES, "showOtherItem", "otherText", "otherPlaceholder", "otherErrorText", "showNoneItem", "noneText"]),
  dropdown: new Set([...QUESTION, ...CHOICES, "showOtherItem", "otherText", "otherPlaceholder", "otherErrorText", "showNoneItem", "noneText"]),
  checkbox: new Set([
    ...QUESTION,
    ...CHOICES,
    "minSelectedChoices",
    "maxSelectedChoices",
    "showOtherItem",
    "otherText",
    "otherPlaceholder",
    "otherErrorText",
    "showNoneItem",
    "noneText",
  ]),
  tagbox: new Set([...QUESTION, ...CHOICES, "minSelectedChoices", "maxSelectedChoices", "hideSelectedItems", "closeOnSelect"]),
  ranking: new Set([...QUESTION, "choices", "longTap"]),
  rating: new Set([...QUESTION, ...RATING]),
  html: new Set(["type", "name", "html", "visible", "visibleIf", "width", "minWidth", "maxWidth", "startWithNewLine", "indent", "colSpan"]),
  image: new Set([
    "type",
    "name",
    "imageLink",
    "altText",
    "imageFit",
    "imageHeight",
    "imageWidth",
    "contentMode",
    "visible",
    "visibleIf",
    "width",
    "startWithNewLine",
  ]),
  matrixdropdown: new Set([...QUESTION, ...MATRIX]),
  matrixdynamic: new Set([
    ...QUESTION,
    ...MATRIX,
    "rowCount",
    "minRowCount",
    "maxRowCount",
    "addRowText",
    "removeRowText",
    "allowAddRows",
    "allowRemoveRows",
    "confirmDelete",
    "allowRowReorder",
    "addRowButtonLocation",
    "hideColumnsIfEmpty",
    "noRowsText",
  ]),
  paneldynamic: new Set([
    ...QUESTION,
    "templateElements",
    "templateTitle",
    "templateDescription",
    "panelCount",
    "minPanelCount",
    "maxPanelCount",
    "displayMode",
    "addPanelText",
    "removePanelText",
    "panelsState",
    "allowAddPanel",
    "allowRemovePanel",
    "renderMode",
    "templateTabTitle",
    "noEntriesText",
    "panelRemoveButtonLocation",
    "showQuestionNumbers",
  ]),
};

/** Cell types a matrix column may have, and the column properties beyond the cell's own. */
export const CELL_TYPES = new Set(["dropdown", "radiogroup", "checkbox", "tagbox", "boolean", "text", "comment", "rating"]);
const COLUMN_EXTRA = new Set(["cellType", "width", "minWidth", "colCount"]);

const CHOICE_ITEM = new Set(["value", "text", "visibleIf"]);
const ROW_ITEM = new Set(["value", "text"]);

const VALIDATORS: Record<string, Set<string>> = {
  numeric: new Set(["minValue", "maxValue"]),
  text: new Set(["minLength", "maxLength", "allowDigits"]),
  regex: new Set(["regex", "caseInsensitive", "insensitive"]),
  email: new Set(),
  answercount: new Set(["minCount", "maxCount"]),
  expression: new Set(["expression"]),
};

const TEXT_INPUT_TYPES = new Set(["text", "number", "email", "tel", "url", "password"]);

function onlyKeys(json: Json, allowed: Set<string>, what: string): void {
  for (const key of Object.keys(json)) {
    if (!allowed.has(key)) throw new Unsupported(`${what}: property "${key}"`);
  }
}

function checkItems(items: unknown, allowed: Set<string>, what: string): void {
  if (items === undefined) return;
  if (!Array.isArray(items)) throw new Unsupported(`${what}: items are not a list`);
  for (const item of items) {
    if (item && typeof item === "object") onlyKeys(item as Json, allowed, what);
    else if (typeof item !== "string" && typeof item !== "number") throw new Unsupported(`${what}: item ${JSON.stringify(item)}`);
  }
}

function checkValidators(list: unknown, what: string): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) throw new Unsupported(`${what}: validators are not a list`);
  for (const v of list as Json[]) {
    const type = String(v.type ?? "").replace(/validator$/, "");
    const props = VALIDATORS[type];
    if (!props) throw new Unsupported(`${what}: validator "${String(v.type)}"`);
    onlyKeys(v, new Set(["type", "text", "notificationType", ...props]), `${what} ${type} validator`);
    if (v.notificationType !== undefined && v.notificationType !== "error") {
      throw new Unsupported(`${what}: ${String(v.notificationType)} validator`);
    }
  }
}

function checkQuestionProps(json: Json, type: string, what: string, allowed = BY_TYPE[type]): void {
  if (!allowed) throw new Unsupported(`${what}: question type "${type}"`);
  onlyKeys(json, allowed, what);
  checkValidators(json.validators, what);
  if (type === "text") {
    const inputType = String(json.inputType ?? "text");
    if (!TEXT_INPUT_TYPES.has(inputType)) throw new Unsupported(`${what}: inputType "${inputType}"`);
    const numeric = ["min", "max", "step", "minErrorText", "maxErrorText", "stepErrorText"].some((k) => k in json);
    if (numeric && inputType !== "number") throw new Unsupported(`${what}: min/max/step on inputType "${inputType}"`);
  }
  if ("choices" in json) checkItems(json.choices, CHOICE_ITEM, `${what} choices`);
  if ("rateValues" in json) checkItems(json.rateValues, ROW_ITEM, `${what} rateValues`);
}

function checkColumn(json: Json, matrixCellType: string, what: string): void {
  const cellType = String(json.cellType ?? matrixCellType);
  const type = cellType === "default" ? matrixCellType : cellType;
  if (!CELL_TYPES.has(type)) throw new Unsupported(`${what}: cell type "${type}"`);
  const allowed = new Set([...(BY_TYPE[type] ?? []), ...COLUMN_EXTRA]);
  for (const banned of ["showOtherItem", "showNoneItem", "valueName", "readOnly", "enableIf", "visible"]) allowed.delete(banned);
  checkQuestionProps(json, type, what, allowed);
}

function checkElements(elements: unknown, what: string): void {
  if (elements === undefined) return;
  if (!Array.isArray(elements)) throw new Unsupported(`${what}: elements are not a list`);
  for (const el of elements as Json[]) {
    const type = String(el.type ?? "");
    const name = `${what} > ${String(el.name ?? type)}`;
    if (type === "panel") {
      onlyKeys(el, PANEL, name);
      checkElements(el.elements ?? el.questions, name);
      continue;
    }
    checkQuestionProps(el, type, name);
    if (type === "matrixdropdown" || type === "matrixdynamic") {
      checkItems(el.rows, ROW_ITEM, `${name} rows`);
      const cellType = String(el.cellType ?? "dropdown");
      if (!Array.isArray(el.columns)) throw new Unsupported(`${name}: no columns`);
      for (const col of el.columns as Json[]) checkColumn(col, cellType, `${name}.${String(col.name)}`);
    }
    if (type === "paneldynamic") checkElements(el.templateElements, name);
  }
}

/** Throws Unsupported naming the first property the compiled validator does not model. */
export function checkSupportedJson(definition: Json): void {
  onlyKeys(definition, SURVEY, "survey");
  checkElements(definition.elements ?? definition.questions, "survey");
  if (definition.pages === undefined) return;
  if (!Array.isArray(definition.pages)) throw new Unsupported("survey: pages are not a list");
  for (const page of definition.pages as Json[]) {
    const what = `page ${String(page.name ?? "")}`;
    onlyKeys(page, PAGE, what);
    checkElements(page.elements ?? page.questions, what);
  }
}
