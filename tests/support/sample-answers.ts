// A complete, valid answer set for surveys/dnc-tim.json, with accents in every free-text field.
export const TOPICS = Array.from({ length: 18 }, (_, i) => `T${String(i + 1).padStart(2, "0")}`);

export function completeAnswers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const necesidades: Record<string, unknown> = {};
  TOPICS.forEach((t, i) => {
    necesidades[t] = i === 1 ? { no_aplica: true } : { importancia: 5 - (i % 3), dominio: 1 + (i % 4) };
  });
  return {
    consentimiento: true,
    institucion: "pnp",
    dependencia: "dirctptim",
    region: "PE-TUM",
    cargo: "Subprefecto de Tumbes – área de investigación",
    cargo_categoria: "policia_investigador",
    anios_institucion: "7_10",
    anios_casos: "1_3",
    capacitacion_tim: true,
    capacitacion_tim_horas: 40,
    capacitacion_tim_entidad: ["oim", "propia"],
    capacitacion_tdp: false,
    casos_12m_tim: 12,
    necesidades,
    modalidad_orden: ["talleres_casos", "presencial", "semipresencial", "virtual_vivo", "pasantias", "formador_formadores", "autoaprendizaje"],
    duracion: "2_3_dias",
    horario: "jornada",
    meses_disponibles: ["03", "04", "09"],
    obstaculos: ["carga_laboral", "otro"],
    obstaculo_otro: "Distancia al puesto de control en Aguas Verdes",
    otras_necesidades: "¿Trata de personas? Sí: identificación de víctimas, niñas y niños; año señalado ¡urgente!",
    sugerencias: "Capacitación en la frontera (Tacna, Tumbes) – más práctica",
    ...overrides,
  };
}
