// The real survey definition, loaded the way the registry loads it.
import fs from "node:fs";
import path from "node:path";
import { buildEntry, type SurveyJson } from "@/surveys/registry";

export const DNC_TIM_PATH = path.resolve(__dirname, "../../surveys/dnc-tim.json");

export function loadDncTim() {
  const definition = JSON.parse(fs.readFileSync(DNC_TIM_PATH, "utf8")) as SurveyJson;
  return buildEntry(definition, "dnc-tim");
}
