// One reason a submission is refused, keyed by the data path of the offending answer
// (e.g. "<matrix>.<row>.<column>", "<panel>[0].<question>").
import type { ShapeIssue } from "./survey-shape";

export interface ValidationIssue {
  key: string;
  reason: ShapeIssue["reason"] | "hidden" | "invalid" | "changed";
  message: string;
}
