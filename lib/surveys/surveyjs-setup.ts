// survey-core settings shared by the server and the fill page: Spanish is the default locale
// ("default" strings in our JSON are Spanish), Spanish built-in messages, the top-level "slug"
// and "needsAssessment" properties our registry reads, and answers piped into html questions escaped as text.
import { Serializer, surveyLocalization } from "survey-core";
import "survey-core/i18n/spanish";
import { escapeAnswersPipedIntoHtml } from "./surveyjs-safe-piping";

surveyLocalization.defaultLocale = "es";
surveyLocalization.supportedLocales = ["es", "en"];
if (!Serializer.findProperty("survey", "slug")) {
  Serializer.addProperty("survey", { name: "slug", visible: false });
}
// The needs declaration (lib/needs/declaration.ts): registered so that survey-core, and any SurveyJS
// editor built on it, keeps the property when it loads and saves the JSON.
if (!Serializer.findProperty("survey", "needsAssessment")) {
  Serializer.addProperty("survey", { name: "needsAssessment", type: "object", visible: false, category: "general" });
}
escapeAnswersPipedIntoHtml();
