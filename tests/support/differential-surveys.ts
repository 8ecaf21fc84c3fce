// Small SurveyJS definitions that exercise what the compiled validator models: matrices with cell
// validators and row conditions, dynamic panels with conditionally required questions, choices
// shown by conditions, other/none items, min/max selected choices, ratings, rankings, text
// validators, numeric ranges and steps, page and panel visibility, enableIf/readOnly, requiredIf,
// and booleans with their own true/false values.
type Json = Record<string, unknown>;

export const MATRICES: Json = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "radiogroup", name: "perfil", choices: ["novato", "experto"] },
        {
          type: "matrixdynamic",
          name: "cursos",
          rowCount: 1,
          minRowCount: 1,
          maxRowCount: 2,
          isRequired: true,
          columns: [
            { name: "tema", cellType: "text", isRequired: true, validators: [{ type: "text", minLength: 3, maxLength: 10 }] },
            { name: "horas", cellType: "text", inputType: "number", min: 1, max: 200, validators: [{ type: "numeric", minValue: 1, maxValue: 120 }] },
            { name: "modalidad", cellType: "dropdown", choices: ["presencial", "virtual"], requiredIf: "{row.horas} > 40" },
            { name: "plataforma", cellType: "text", visibleIf: "{row.modalidad} = 'virtual'", isRequired: true },
            { name: "certificado", cellType: "boolean" },
            {
              name: "nota",
              cellType: "rating",
              rateMin: 1,
              rateMax: 5,
              visibleIf: "{row.certificado} = true",
              validators: [{ type: "expression", expression: "{row.nota} >= 2", text: "Nota mínima 2" }],
            },
          ],
        },
        {
          type: "matrixdropdown",
          name: "evaluacion",
          isRequired: true,
          rows: ["r1", "r2", { value: "r3", text: "Tercera" }],
          columns: [
            { name: "uso", cellType: "radiogroup", choices: [1, 2, 3], isRequired: true },
            { name: "motivo", cellType: "comment", visibleIf: "{row.uso} = 1", requiredIf: "{perfil} = 'experto'" },
            { name: "canales", cellType: "checkbox", choices: ["a", "b", "c"], validators: [{ type: "answercount", maxCount: 2 }] },
          ],
        },
      ],
    },
  ],
};

export const PANELS: Json = {
  elements: [
    { type: "boolean", name: "tiene_dependientes" },
    {
      type: "paneldynamic",
      name: "familiares",
      panelCount: 1,
      minPanelCount: 1,
      maxPanelCount: 2,
      isRequired: true,
      visibleIf: "{tiene_dependientes} = true",
      templateElements: [
        { type: "text", name: "nombre", isRequired: true },
        { type: "dropdown", name: "parentesco", choices: ["hijo", "conyuge", "otro"] },
        { type: "text", name: "detalle", visibleIf: "{panel.parentesco} = 'otro'", isRequired: true },
        { type: "text", name: "edad", inputType: "number", min: 0, max: 120 },
        { type: "boolean", name: "dependiente", requiredIf: "{panel.edad} < 18 or {tiene_dependientes} = false" },
        { type: "text", name: "apodo" },
        {
          type: "checkbox",
          name: "idiomas",
          choices: ["es", "qu", "ay"],
          showOtherItem: true,
          minSelectedChoices: 1,
          visibleIf: "{panel.edad} >= 3",
        },
      ],
    },
  ],
};

export const CHOICES: Json = {
  elements: [
    { type: "rating", name: "satisfaccion", isRequired: true, rateMin: 0, rateMax: 10, rateStep: 2 },
    { type: "rating", name: "estrellas", rateValues: [1, 2, 3, { value: 5, text: "cinco" }] },
    {
      type: "checkbox",
      name: "temas",
      choices: ["a", "b", "c", "d", "e"],
      minSelectedChoices: 2,
      maxSelectedChoices: 3,
      showNoneItem: true,
      showOtherItem: true,
    },
    { type: "radiogroup", name: "color", choices: ["rojo", "azul"], showOtherItem: true, isRequired: true },
    { type: "radiogroup", name: "pais", choices: ["pe", "ec"] },
    { type: "dropdown", name: "idioma", choices: ["es", "qu"], showOtherItem: true, showNoneItem: true },
    { type: "tagbox", name: "redes", choices: ["fb", "wa", "tg"], minSelectedChoices: 2, visibleIf: "{idioma} anyof ['es', 'other']" },
    {
      type: "dropdown",
      name: "ciudad",
      choices: [{ value: "lima", visibleIf: "{pais} = 'pe'" }, { value: "quito", visibleIf: "{Pais} = 'ec'" }, "otra"],
      isRequired: true,
    },
    { type: "tagbox", name: "etiquetas", choices: ["x", "y", "z"], isRequired: true, visibleIf: "{temas} contains 'a'" },
    { type: "ranking", name: "prioridades", choices: ["p1", "p2", "p3", "p4"] },
  ],
};

export const TEXTS: Json = {
  elements: [
    { type: "text", name: "codigo", isRequired: true, validators: [{ type: "regex", regex: "^[A-Z]{2,3}-\\d{2}$", text: "Formato AAA-00" }] },
    { type: "text", name: "correo", inputType: "email" },
    { type: "text", name: "correo2", validators: [{ type: "email" }] },
    { type: "text", name: "edad", inputType: "number", min: 18, max: 99, step: 1 },
    { type: "text", name: "monto", inputType: "number", step: 0.5, validators: [{ type: "numeric", minValue: 0, maxValue: 10 }] },
    {
      type: "text",
      name: "alias",
      validators: [
        { type: "text", minLength: 2, maxLength: 10, allowDigits: false },
        { type: "expression", expression: "{alias} notempty or {correo} notempty", text: "Deje un alias o un correo" },
      ],
    },
    {
      type: "text",
      name: "ref",
      validators: [
        { type: "numeric", minValue: 10 },
        { type: "regex", regex: "^\\d+$" },
      ],
    },
    { type: "text", name: "hijos", inputType: "number", min: 0, isRequired: true, validators: [{ type: "numeric", maxValue: 12 }] },
    { type: "text", name: "web", inputType: "url", maxLength: 30 },
    { type: "comment", name: "motivo", isRequired: true, maxLength: 50 },
  ],
};

export const PAGES: Json = {
  pages: [
    {
      name: "inicio",
      elements: [
        { type: "boolean", name: "acepta", valueTrue: "si", valueFalse: "no", isRequired: true },
        { type: "boolean", name: "menor", valueTrue: 1, valueFalse: 0 },
        { type: "text", name: "apellido", valueName: "apellido_paterno", requiredIf: "{acepta} = 'si'" },
      ],
    },
    {
      name: "archivo",
      visible: false,
      elements: [{ type: "text", name: "expediente", isRequired: true }],
    },
    {
      name: "tutor",
      visibleIf: "{menor} = 1",
      elements: [
        { type: "text", name: "tutor_nombre", isRequired: true },
        {
          type: "panel",
          name: "contacto",
          visibleIf: "{tutor_nombre} notempty",
          elements: [
            { type: "text", name: "tutor_tel", isRequired: true, inputType: "tel" },
            {
              type: "panel",
              name: "emergencia",
              visibleIf: "{Tutor_Tel} notempty and {apellido_paterno} empty",
              elements: [{ type: "comment", name: "emergencia_nota", isRequired: true }],
            },
          ],
        },
      ],
    },
    {
      name: "detalle",
      visibleIf: "{acepta} = 'si'",
      elements: [
        { type: "text", name: "detalle", isRequired: true, enableIf: "{menor} <> 1" },
        { type: "comment", name: "nota", readOnly: true, isRequired: true },
        { type: "radiogroup", name: "nivel", choices: ["a", "b"], requiredIf: "{menor} = 0", isRequired: true },
        { type: "text", name: "oculto", visible: false, isRequired: true },
        { type: "text", name: "revelado", visible: false, visibleIf: "{nivel} = 'b'", isRequired: true },
      ],
    },
  ],
};

export const DIFFERENTIAL_SURVEYS: Record<string, Json> = { MATRICES, PANELS, CHOICES, TEXTS, PAGES };
