// Quadrant colours, shared by the chart (client) and the quadrant list (server): a plain module,
// since a server component importing a value from a "use client" file gets only a reference.
import type { Quadrant } from "@/lib/needs/locus-for-focus";

export type QuadrantName = Quadrant;

export const QUADRANT_COLOURS: Record<QuadrantName, string> = {
  prioridad_alta: "#b30000",
  prioridad_secundaria: "#a34f00",
  mantener: "#1e6b35",
  baja_prioridad: "#4a5563",
};
