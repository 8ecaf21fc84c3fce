// The interface messages the fill form shows in the browser, in both languages (the language
// switch changes the form at once). Only these travel in the page's JSON data block: the notices,
// the loading and no-JavaScript lines and the thank-you page are rendered on the server.
import { messagesFor, type Messages } from "@/i18n/messages";
import type { Locale } from "@/i18n/locales";

type Fill = Messages["fill"];

export type FormMessages = Pick<Fill, "progress" | "status" | "submit" | "resume" | "offline"> & { thanks: Pick<Fill["thanks"], "title"> };

function pick(locale: Locale): FormMessages {
  const { progress, status, submit, resume, offline, thanks } = messagesFor(locale).fill;
  return { progress, status, submit, resume, offline, thanks: { title: thanks.title } };
}

export function formMessages(): Record<Locale, FormMessages> {
  return { es: pick("es"), en: pick("en") };
}
