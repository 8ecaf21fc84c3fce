// All interface messages, by locale and namespace. Add a namespace by adding the two JSON files
// and one line per locale below; the unit test checks both locales have the same keys.
import type { Locale } from "./locales";
import enAdmin from "./messages/en/admin.json";
import enCommon from "./messages/en/common.json";
import enExports from "./messages/en/exports.json";
import enFill from "./messages/en/fill.json";
import enHome from "./messages/en/home.json";
import enResponses from "./messages/en/responses.json";
import enRounds from "./messages/en/rounds.json";
import enNeeds from "./messages/en/needs.json";
import enPlan from "./messages/en/plan.json";
import enSummary from "./messages/en/summary.json";
import esAdmin from "./messages/es/admin.json";
import esCommon from "./messages/es/common.json";
import esExports from "./messages/es/exports.json";
import esFill from "./messages/es/fill.json";
import esHome from "./messages/es/home.json";
import esResponses from "./messages/es/responses.json";
import esRounds from "./messages/es/rounds.json";
import esNeeds from "./messages/es/needs.json";
import esPlan from "./messages/es/plan.json";
import esSummary from "./messages/es/summary.json";

const MESSAGES = {
  es: {
    common: esCommon,
    home: esHome,
    admin: esAdmin,
    fill: esFill,
    needs: esNeeds,
    summary: esSummary,
    exports: esExports,
    responses: esResponses,
    rounds: esRounds,
    plan: esPlan,
  },
  en: {
    common: enCommon,
    home: enHome,
    admin: enAdmin,
    fill: enFill,
    needs: enNeeds,
    summary: enSummary,
    exports: enExports,
    responses: enResponses,
    rounds: enRounds,
    plan: enPlan,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof MESSAGES)["es"];

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}
