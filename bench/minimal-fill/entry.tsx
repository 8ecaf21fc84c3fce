// The baseline of bench/fill-page-weight.ts: the smallest page that renders the DNC-TIM survey as
// a respondent sees it (Spanish) with React, survey-core and survey-react-ui alone, styled with
// the same survey-core CSS file the fill page imports. Bundled by the bench (esbuild, minified).
import "survey-core/survey-core.fontless.min.css";
import { createRoot } from "react-dom/client";
import { Model } from "survey-core";
import "survey-core/i18n/spanish";
import { Survey } from "survey-react-ui";
import definition from "../../surveys/dnc-tim.json";

const model = new Model(definition);
model.locale = "es";
createRoot(document.getElementById("root")!).render(<Survey model={model} />);
