// Small SurveyJS definitions for the survey-management tests: a valid one with a needs declaration
// and Spanish accents everywhere, and broken variants, each refused for one named reason.
type Json = Record<string, unknown>;

export const MANAGED_SLUG = "capacitacion-fronteras";

/** A valid survey with a two-topic need matrix and one breakdown; `title` varies the version. */
export function managedSurvey(title = "Capacitación en zonas de frontera — 2027"): Json {
  return {
    slug: MANAGED_SLUG,
    title: { default: title, en: "Training at border posts — 2027" },
    description: { default: "Encuesta breve: ¿qué necesita aprender su equipo?", en: "A short survey: what does your team need to learn?" },
    needsAssessment: { matrix: "necesidades", importance: "importancia", competence: "dominio", breakdowns: ["institucion"] },
    pages: [
      {
        name: "datos",
        title: { default: "Su institución", en: "Your institution" },
        elements: [
          {
            type: "radiogroup",
            name: "institucion",
            title: { default: "¿En qué institución trabaja?", en: "Which institution do you work for?" },
            isRequired: true,
            choices: [
              { value: "pnp", text: { default: "Policía Nacional del Perú", en: "Peruvian National Police" } },
              { value: "migraciones", text: { default: "Superintendencia de Migraciones", en: "Immigration Office" } },
            ],
          },
        ],
      },
      {
        name: "temas",
        title: { default: "Necesidades de capacitación", en: "Training needs" },
        elements: [
          {
            type: "matrixdropdown",
            name: "necesidades",
            title: {
              default: "Para cada tema: ¿cuánta importancia tiene y cuánto lo domina?",
              en: "For each topic: how important is it and how well do you master it?",
            },
            columns: [
              { name: "importancia", title: { default: "Importancia", en: "Importance" }, cellType: "dropdown", choices: [1, 2, 3, 4, 5] },
              { name: "dominio", title: { default: "Dominio", en: "Mastery" }, cellType: "dropdown", choices: [1, 2, 3, 4, 5] },
            ],
            rows: [
              { value: "identificacion", text: { default: "Identificación de víctimas en tránsito", en: "Identifying victims in transit" } },
              { value: "niñez", text: { default: "Atención a niñas, niños y adolescentes", en: "Care for children and adolescents" } },
            ],
          },
          { type: "comment", name: "sugerencias", title: { default: "¿Algún comentario? (opcional)", en: "Any comment? (optional)" } },
        ],
      },
    ],
  };
}

/** Answers to managedSurvey(), complete. */
export function managedAnswers(): Json {
  return {
    institucion: "migraciones",
    necesidades: { identificacion: { importancia: 5, dominio: 2 }, niñez: { importancia: 4, dominio: 3 } },
    sugerencias: "Más talleres en Tumbes, por favor; también en Puno y Tacna.",
  };
}

function clone(): Json {
  return JSON.parse(JSON.stringify(managedSurvey())) as Json;
}

function matrixOf(survey: Json): Json {
  const pages = survey.pages as { elements: Json[] }[];
  return pages[1]!.elements[0]!;
}

/** Broken declarations, each with a fragment of the Spanish problem the server must name. */
export function brokenSurveys(): { name: string; survey: Json; problemEs: string; problemEn: string }[] {
  const missingBreakdown = clone();
  (missingBreakdown.needsAssessment as Json).breakdowns = ["institucion", "cargo"];
  const noCompetence = clone();
  matrixOf(noCompetence).columns = (matrixOf(noCompetence).columns as Json[]).filter((c) => c.name !== "dominio");
  const textScale = clone();
  for (const column of matrixOf(textScale).columns as Json[]) column.choices = ["alta", "media", "baja"];
  return [
    {
      name: "a breakdown naming a question the survey does not have",
      survey: missingBreakdown,
      problemEs: "El desglose «cargo» no es una pregunta de la encuesta.",
      problemEn: 'The breakdown "cargo" is not a question of the survey.',
    },
    {
      name: "a need matrix without the competence column",
      survey: noCompetence,
      problemEs: "La matriz «necesidades» no tiene la columna «dominio»",
      problemEn: 'The matrix "necesidades" has no column "dominio"',
    },
    {
      name: "a rating scale that is not numeric",
      survey: textScale,
      problemEs: "no numéricos: alta, media, baja",
      problemEn: "not numeric: alta, media, baja",
    },
  ];
}
