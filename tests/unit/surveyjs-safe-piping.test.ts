// Answers piped into html questions come out as text (wherever the question sits), while the
// author's HTML, survey-core's display values and plain-text titles keep working.
import { Model, type QuestionHtmlModel, type QuestionPanelDynamicModel } from "survey-core";
import { describe, expect, it } from "vitest";
import "@/lib/surveys/surveyjs-setup";
import { escapePipedValue } from "@/lib/surveys/surveyjs-safe-piping";

const PAYLOAD = `<img src=x onerror="window.__xss=1">`;
const ESCAPED = "&#60;img src=x onerror=&#34;window.__xss=1&#34;&#62;";

function model() {
  return new Model({
    elements: [
      { type: "text", name: "cargo", title: "Usted es {cargo}" },
      { type: "radiogroup", name: "institucion", choices: [{ value: "pnp", text: "Policía <Nacional>" }] },
      { type: "html", name: "resumen", html: "<style>.x{color:red}</style><p>Usted: {cargo} ({institucion}) {no_existe}</p>" },
      { type: "matrixdropdown", name: "m", columns: [{ name: "c", cellType: "text" }], rows: ["r1"] },
      { type: "html", name: "celda", html: "<p>{m.r1.c}</p>" },
      {
        type: "paneldynamic",
        name: "personas",
        templateElements: [
          { type: "text", name: "nombre" },
          { type: "html", name: "saludo", html: "<b>Hola {panel.nombre}</b>" },
        ],
      },
    ],
  });
}

const html = (m: Model, name: string) => (m.getQuestionByName(name) as QuestionHtmlModel).locHtml.renderedHtml;

describe("answers piped into html questions", () => {
  it("are escaped, including display values, matrix cells and dynamic panels", () => {
    const m = model();
    m.setValue("cargo", PAYLOAD);
    m.setValue("institucion", "pnp");
    m.setValue("m", { r1: { c: "<script>window.__xss=1</script>" } });
    m.setValue("personas", [{ nombre: `"><svg onload=window.__xss=1>` }]);
    expect(html(m, "resumen")).toBe(`<style>.x{color:red}</style><p>Usted: ${ESCAPED} (Policía &#60;Nacional&#62;) {no_existe}</p>`);
    expect(html(m, "celda")).toBe("<p>&#60;script&#62;window.__xss=1&#60;/script&#62;</p>");
    const panel = (m.getQuestionByName("personas") as QuestionPanelDynamicModel).panels[0]!;
    const saludo = panel.getQuestionByName("saludo") as QuestionHtmlModel;
    expect(saludo.locHtml.renderedHtml).toBe("<b>Hola &#34;&#62;&#60;svg onload=window.__xss=1&#62;</b>");
  });

  it("are not piped a second time when the answer itself contains a placeholder", () => {
    const m = model();
    m.setValue("institucion", "pnp");
    m.setValue("cargo", "{institucion} & {cargo}");
    expect(html(m, "resumen")).toContain("Usted: &#123;institucion&#125; &#38; &#123;cargo&#125; (Policía");
  });

  it("leave the author's HTML and unknown placeholders alone", () => {
    expect(html(model(), "resumen")).toBe("<style>.x{color:red}</style><p>Usted:  () {no_existe}</p>");
  });

  it("leave titles as survey-core makes them: raw text, which the form renders as a text node", () => {
    const m = model();
    m.setValue("cargo", PAYLOAD);
    const title = m.getQuestionByName("cargo").locTitle;
    expect(title.renderedHtml).toBe(`Usted es ${PAYLOAD}`);
    expect(title.hasHtml).toBe(false); // no onTextMarkdown: survey-react-ui renders it as text
  });

  it("escapes every character that matters in HTML text and attributes", () => {
    expect(escapePipedValue(`a&b<c>"d'{e}`)).toBe("a&#38;b&#60;c&#62;&#34;d&#39;&#123;e&#125;");
  });
});
