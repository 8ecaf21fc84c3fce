// The request bodies of the submission benchmarks: complete, valid dnc-tim responses (checked
// here), each sent many times under fresh ids.
import { demoResponse, seededRng } from "@/lib/demo-responses";
import { validateResponseData } from "@/lib/response-validation";
import { loadDncTim } from "../tests/support/dnc-tim";

export function submissionBodies(count = 300): string[] {
  const survey = loadDncTim();
  return Array.from({ length: count }, (_, i) => {
    const { data, locale } = demoResponse(seededRng(i + 1), []);
    const check = validateResponseData(survey.definition, data, { complete: true, locale });
    if (!check.ok) throw new Error(`demo response ${i} is not valid: ${JSON.stringify(check.issues)}`);
    return JSON.stringify({ survey: survey.slug, locale, data, complete: true });
  });
}
