// Open answers for demo responses: short Spanish sentences, every one starting with "[DEMO]" so
// that nobody mistakes them for what a respondent wrote. Generic on purpose: they must read as
// plausible in any training-needs survey, whatever its questions are called.
import { pick, type Rng } from "./rng";

export const DEMO_MARK = "[DEMO]";

/** Short answers (a name, a role, an "other" option). */
const SHORT = [
  "Defensoría del Pueblo",
  "Coordinación regional",
  "Especialista en atención al público",
  "Unidad de apoyo técnico",
  "Oficina de planificación",
  "Área de capacitación y formación",
  "Dirección de línea",
  "Organización de la sociedad civil",
];

/** Sentences for comments and longer open questions. */
const SENTENCES = [
  "¿Cómo coordinar mejor con las otras instituciones cuando el caso llega de noche?",
  "Necesitamos más práctica con casos reales, anonimizados, y menos exposición teórica.",
  "Sería útil una guía breve, con ejemplos, para consultar durante el turno.",
  "La capacitación debería llegar también a las sedes alejadas, no solo a la capital.",
  "Talleres prácticos en pequeños grupos, con seguimiento después de unos meses.",
  "Falta información actualizada sobre la normativa y los protocolos vigentes.",
  "El personal rota mucho: convendría un curso virtual de inducción que pueda repetirse.",
  "¿Se podría certificar la capacitación para que cuente en la evaluación de desempeño?",
  "Propongo sesiones conjuntas con fiscales, policías y personal de atención a víctimas.",
  "En mi sede no hay conexión estable; los materiales descargables ayudarían mucho.",
  "Un caso reciente mostró que no sabíamos a quién derivar a la persona afectada.",
  "Más énfasis en la entrevista y en la atención con enfoque de género y niñez.",
];

/** Cuts a text at a word boundary so that it fits `maxLength` characters (ellipsis included). */
function fit(text: string, maxLength: number): string | undefined {
  if (text.length <= maxLength) return text;
  if (maxLength < DEMO_MARK.length + 3) return undefined;
  const cut = text.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(" ");
  const head = space > DEMO_MARK.length ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,.;:¿?]+$/, "")}…`;
}

/** A short "[DEMO] …" answer within `maxLength` (undefined if even the mark does not fit). */
export function demoShortText(rng: Rng, maxLength: number): string | undefined {
  return fit(`${DEMO_MARK} ${pick(rng, SHORT)}`, maxLength);
}

/** One to three "[DEMO] …" sentences within `maxLength`. */
export function demoParagraph(rng: Rng, maxLength: number): string | undefined {
  const count = 1 + Math.floor(rng() * 3);
  const sentences: string[] = [];
  for (let i = 0; i < count; i++) {
    const s = pick(rng, SENTENCES);
    if (!sentences.includes(s)) sentences.push(s);
  }
  return fit(`${DEMO_MARK} ${sentences.join(" ")}`, maxLength);
}
