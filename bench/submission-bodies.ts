// The request bodies of the submission benchmarks: complete, valid dnc-tim responses from the
// generic demo generator (checked here), each sent many times under fresh ids.
import { createDemoGenerator } from "@/lib/demo/demo-responses";
import { seededRng } from "@/lib/demo/rng";
import { validateResponseData } from "@/lib/responses/response-validation";
import { loadDncTim } from "../tests/support/dnc-tim";

export function submissionBodies(count = 300): string[] {
  const survey = loadDncTim();
  const demo = createDemoGenerator(survey);
  return Array.from({ length: count }, (_, i) => {
    const { data, locale } = demo.next(seededRng(i + 1));
    const check = validateResponseData(survey.definition, data, { complete: true, locale });
    if (!check.ok) throw new Error(`demo response ${i} is not valid: ${JSON.stringify(check.issues)}`);
    return JSON.stringify({ survey: survey.slug, locale, data, complete: true });
  });
}
