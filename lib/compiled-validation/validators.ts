// A question's validators (numeric, text, regex, email, answercount, expression), compiled once.
// The value checks are survey-core's own validator objects from the introspected Model (they hold
// no survey state); expression validators run through ConditionRunner on the submission's values.
import { EmailValidator, type SurveyValidator } from "survey-core";
import { compileCondition, type Env, type Scope } from "./conditions";
import type { Localizer } from "./localizer";

type AnyObj = Record<string, any>;

/** Returns the error text in `locale`, or null when the value passes. */
export type ValueCheck = (value: unknown, env: Env, locale: string) => string | null;

type Result = { error?: { getText(): string } | null } | null;

function objectValidator(validator: AnyObj, localizer: Localizer): ValueCheck {
  return (value, _env, locale) => {
    if (!(validator.validate(value, null) as Result)?.error) return null;
    // The error's text is fixed when it is created: create it again in the respondent's locale.
    return localizer.inLocale(locale, () => (validator.validate(value, null) as Result)?.error?.getText() ?? "");
  };
}

function expressionValidator(validator: AnyObj, scope: Scope, localizer: Localizer): ValueCheck {
  const condition = compileCondition(String(validator.expression ?? ""), scope);
  const text = localizer.text(() => validator.getErrorText(null) as string);
  return (_value, env, locale) => (condition(env) ? null : text(locale));
}

/** The checks of `question.validators`, in survey-core's order. */
export function compileValidators(question: AnyObj, scope: Scope, localizer: Localizer): ValueCheck[] {
  return ((question.validators as SurveyValidator[] | undefined) ?? []).map((v) => {
    const validator = v as unknown as AnyObj;
    if (validator.getType() === "expressionvalidator") {
      // survey-core reports an error for an empty expression only if one was given
      if (!validator.expression) return () => null;
      return expressionValidator(validator, scope, localizer);
    }
    return objectValidator(validator, localizer);
  });
}

/** survey-core's implicit e-mail check of a text question with inputType "email". */
export function implicitEmailCheck(question: AnyObj, localizer: Localizer): ValueCheck | undefined {
  if (question.inputType !== "email") return undefined;
  if ((question.validators as AnyObj[]).some((v) => v.getType() === "emailvalidator")) return undefined;
  const validator = new EmailValidator() as unknown as AnyObj;
  validator.owner = question;
  return objectValidator(validator, localizer);
}
