// survey-core settings shared by the server and the fill page: Spanish is the default locale
// ("default" strings in our JSON are Spanish), Spanish built-in messages, and the top-level
// "slug" property our registry reads.
import { Serializer, surveyLocalization } from "survey-core";
import "survey-core/i18n/spanish";

surveyLocalization.defaultLocale = "es";
surveyLocalization.supportedLocales = ["es", "en"];
if (!Serializer.findProperty("survey", "slug")) {
  Serializer.addProperty("survey", { name: "slug", visible: false });
}

export {};
