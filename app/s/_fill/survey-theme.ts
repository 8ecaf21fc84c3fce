// SurveyJS theme overrides: the site's accent colour (the default green fails contrast for white
// text) and the system font stack (no web-font download on a slow connection).
import type { ITheme } from "survey-core";

export const surveyTheme: ITheme = {
  cssVariables: {
    "--sjs2-color-project-brand-600": "#0b5cad",
    "--sjs2-color-utility-surface-survey": "#f6f7f9",
    "--sjs2-typography-font-family-text": 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
};
