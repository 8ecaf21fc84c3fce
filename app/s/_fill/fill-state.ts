// What the fill form shows, as plain data the controller publishes and the React view renders.
import type { Locale } from "@/i18n/locales";
import type { LabelledIssue } from "@/lib/fill/issue-labels";
import type { FillPageProps } from "./fill-page-props";

export type SaveStatus = "idle" | "saving" | "saved" | "offline" | "retrying" | "failed" | "closed";
export type Phase =
  | { kind: "loading" }
  | { kind: "resume_error"; reason: "not_found" | "too_many" | "unavailable" }
  | { kind: "filling" }
  | { kind: "submitting"; retry: null | "network" | "server" }
  | { kind: "done" };

export interface FillState {
  phase: Phase;
  saveStatus: SaveStatus;
  resumeCode: string | null;
  issues: LabelledIssue[];
  submitError: null | "failed" | "closed";
  /** The server has another version of the survey than this page: reload to continue with it. */
  surveyChanged: boolean;
  /** This page is the device's copy and has not heard from the server yet. */
  unconfirmedCopy: boolean;
}

/** The page's props the controller needs (`version`: the one this page shows; the server's answers name theirs). */
export interface FillOptions extends Pick<FillPageProps, "definition" | "slug" | "version" | "unit" | "resumeCode" | "locale"> {
  /** The service worker served this page from its copy on the device: check with the server once online. */
  offlineCopy: boolean;
  /** Localized texts the model needs: the submit button and the generic issue message. */
  texts: Record<Locale, { submit: string; issueFallback: string }>;
  /** The response was submitted (here or on another device): leave the form. */
  onDone: () => void;
  /** A resume code was used: its response (of this unit link) now continues on this device. */
  onResumed: (unit: string | null) => void;
}
