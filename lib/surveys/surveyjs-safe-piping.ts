// Answers piped into an html question stay text. survey-core replaces {question} placeholders in
// an html question's content with the raw answer, and survey-react-ui renders that content as
// markup: a respondent's "<img onerror=…>" typed into one question would become an element in the
// form (and again after a resume on another device). Titles and other texts are rendered as text
// nodes and need nothing. The author's own HTML is left as it is.
//
// survey-core substitutes the placeholders in the html question's getProcessedText before any
// public event sees the HTML (onProcessHtml gets it already filled in), so that method is wrapped
// here, once, for every html question wherever it sits (page, panel, dynamic panel, matrix).
import { QuestionHtmlModel } from "survey-core";

const PLACEHOLDER = /\{([^{}]+)\}/g;
const PATCHED = Symbol.for("sondeo.safePiping");

/** HTML-escapes a value, braces included, so that it can never become a placeholder again. */
export function escapePipedValue(value: string): string {
  return value.replace(/[&<>"'{}]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function escapeAnswersPipedIntoHtml(): void {
  const proto = QuestionHtmlModel.prototype as QuestionHtmlModel & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const original = proto.getProcessedText;
  proto.getProcessedText = function (this: QuestionHtmlModel, text: string): string {
    return text.replace(PLACEHOLDER, (token) => {
      // survey-core's own resolution of one placeholder (display values, panel and row context);
      // one it cannot resolve comes back unchanged and stays, e.g. ".x{color:red}" in a <style>.
      const resolved = original.call(this, token);
      return resolved === token ? token : escapePipedValue(resolved);
    });
  };
  proto[PATCHED] = true;
}
