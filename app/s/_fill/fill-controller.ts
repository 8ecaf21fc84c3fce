// The respondent's session in the browser, without React: the SurveyJS model, the draft kept on
// the device, autosave (debounced, immediate on page change, serialized, retried) and submission
// that only counts once the server acknowledged it. The form component subscribes to its state.
import { Model, type SurveyModel } from "survey-core";
import type { Locale } from "@/i18n/locales";
import "@/lib/surveys/surveyjs-setup";
import { labelIssues } from "@/lib/fill/issue-labels";
import { clearDraft, reconcileDraft, writeDraft, type DraftStorage, type LocalDraft, type ServerCopy } from "@/lib/fill/local-draft";
import { newUuid } from "@/lib/codes/new-uuid";
import { SaveQueue, type QueueActivity, type TransportResult } from "@/lib/fill/save-queue";
import { restoreSession, type RestoreOutcome } from "./restore-session";
import type { FillOptions, FillState } from "./fill-state";
import { browserTransport, classifySave, type FillTransport, type PutResponseBody } from "./response-api";
import { showRatingCellsAsScales } from "./scale-cells";
import { showShortListsAsButtons } from "./short-lists";
import { surveyTheme } from "./survey-theme";

interface SaveJob {
  id: string;
  rev: number;
  body: PutResponseBody;
}

const DEBOUNCE_MS = 1500;

function browserStorage(): DraftStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The page around the controller: the connection state and the events it reacts to. */
export interface FillEnvironment {
  isOnline(): boolean;
  /** Calls `online` when the connection returns and `hidden` when the page is hidden; returns the unsubscribe. */
  listen(handlers: { online: () => void; hidden: () => void }): () => void;
}

const browserEnvironment: FillEnvironment = {
  isOnline: () => navigator.onLine,
  listen({ online, hidden }) {
    const onVisibility = () => {
      if (document.visibilityState === "hidden") hidden();
    };
    window.addEventListener("online", online);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("online", online);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  },
};

/** What the controller talks to; the page uses the browser's, tests give their own. */
export interface FillDeps {
  storage: DraftStorage | null;
  transport: FillTransport;
  environment: FillEnvironment;
  /** First retry delay of the save queue (default 1 s). */
  retryDelayMs?: number;
}

export class FillController {
  readonly model: SurveyModel;
  private state: FillState = {
    phase: { kind: "loading" },
    saveStatus: "idle",
    resumeCode: null,
    issues: [],
    submitError: null,
    surveyChanged: false,
    unconfirmedCopy: false,
  };
  private readonly listeners = new Set<() => void>();
  private readonly storage: DraftStorage | null;
  private readonly transport: FillTransport;
  private readonly environment: FillEnvironment;
  private stopListening: (() => void) | undefined;
  private readonly queue: SaveQueue<SaveJob>;
  private draft: LocalDraft | null = null;
  private unitLink: string | null;
  private locale: Locale;
  private rev = 0;
  private applying = false;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** An offline copy has not yet asked the server whether its survey is still the same and open. */
  private unconfirmed: boolean;

  constructor(
    private readonly options: FillOptions,
    deps: Partial<FillDeps> = {},
  ) {
    this.storage = deps.storage !== undefined ? deps.storage : browserStorage();
    this.transport = deps.transport ?? browserTransport;
    this.environment = deps.environment ?? browserEnvironment;
    this.unitLink = options.unit;
    this.locale = options.locale;
    this.unconfirmed = options.offlineCopy;
    this.state = { ...this.state, unconfirmedCopy: options.offlineCopy };
    this.model = this.createModel();
    this.queue = new SaveQueue<SaveJob>((job) => this.transport.put(job.id, job.body), {
      baseDelayMs: deps.retryDelayMs,
      onActivity: (a) => this.onQueueActivity(a),
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): FillState => this.state;

  /** The unit link the answers belong to (a resume code may have changed it). */
  get unit(): string | null {
    return this.unitLink;
  }

  private set(patch: Partial<FillState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private createModel(): SurveyModel {
    const model = new Model(this.options.definition);
    showRatingCellsAsScales(model);
    showShortListsAsButtons(model);
    for (const locale of ["es", "en"] as const) {
      model.locale = locale; // completeText is localizable: set in each language
      model.completeText = this.options.texts[locale].submit;
    }
    model.locale = this.locale;
    model.showTitle = false; // the page renders the title server-side
    model.showCompletePage = false; // the thank-you page is a server page, shown after the ack
    model.applyTheme(surveyTheme);
    model.onValueChanged.add(() => this.onChange(false));
    model.onMatrixCellValueChanged.add(() => this.onChange(false));
    model.onCurrentPageChanged.add(() => this.onChange(true));
    model.onCompleting.add(async (_, opts) => {
      opts.allow = await this.submit();
    });
    model.onComplete.add(() => this.finish());
    return model;
  }

  /** Restores a draft (resume code, this device, the server) and starts listening. */
  async start(): Promise<void> {
    this.stopListening = this.environment.listen({ online: this.onOnline, hidden: () => this.flush() });
    await this.restore(this.options.resumeCode);
    if (this.environment.isOnline()) this.confirmWithServer();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.debounce);
    this.stopListening?.();
  }

  /** Abandons a resume code that did not work and continues with this device's own draft. */
  async startFresh(): Promise<void> {
    await this.restore(null);
  }

  async retryResume(): Promise<void> {
    await this.restore(this.options.resumeCode);
  }

  setLocale(locale: Locale): void {
    if (locale === this.locale) return;
    this.locale = locale;
    this.model.locale = locale;
    if (this.state.issues.length > 0) this.set({ issues: [] });
    if (this.draft) this.onChange(false); // the response records the language it was answered in
  }

  /** Takes the person to a question named in a server issue. */
  focusQuestion(name: string): void {
    const q = this.model.getQuestionByName(name);
    if (!q) return;
    if (q.page && this.model.currentPage !== q.page) this.model.currentPage = q.page;
    q.focus(true);
  }

  private async restore(code: string | null): Promise<void> {
    this.set({ phase: { kind: code ? "loading" : "filling" }, issues: [], submitError: null });
    const outcome: RestoreOutcome = await restoreSession({
      storage: this.storage,
      transport: this.transport,
      slug: this.options.slug,
      unit: this.unitLink,
      code,
      onLocalDraft: (draft) => this.apply(draft),
    });
    if (this.disposed) return;
    switch (outcome.kind) {
      case "resume_error":
        this.set({ phase: { kind: "resume_error", reason: outcome.reason } });
        return;
      case "submitted":
        this.unitLink = outcome.unit;
        return this.finish();
      case "fresh":
        this.set({ phase: { kind: "filling" } });
        return;
      case "code":
        this.unitLink = outcome.draft.unit;
        this.apply(outcome.draft);
        this.options.onResumed(this.unitLink);
        return;
      case "local":
        return this.reconcile(outcome.server);
    }
  }

  /** Checks the draft shown from this device against the server's copy of the same response. */
  private reconcile(server: ServerCopy | "missing" | "unreachable"): void {
    const local = this.draft;
    if (!local) return;
    if (server === "missing") {
      // Never reached the server (started offline): send it.
      this.draft = { ...local, dirty: true };
      return this.flush();
    }
    if (server === "unreachable") {
      if (local.dirty) this.flush();
      return;
    }
    const decision = reconcileDraft(local, server);
    if (decision === "submitted") return this.finish();
    if (decision === "use_server" && server.data) {
      this.apply({ ...local, data: server.data, page: server.currentPage, dirty: false, changedAt: server.updatedAt });
    } else if (local.dirty) this.flush();
  }

  /** Shows a draft in the form and keeps it as this device's draft. */
  private apply(draft: LocalDraft): void {
    this.applying = true;
    try {
      // The whole object at once: setting a question after one whose choices depend on it would clear the dependent answer.
      this.model.data = structuredClone(draft.data);
      if (draft.page < this.model.visiblePageCount) this.model.currentPageNo = draft.page;
    } finally {
      this.applying = false;
    }
    this.draft = { ...draft, locale: this.locale };
    writeDraft(this.storage, this.draft);
    this.set({ resumeCode: draft.resumeCode, saveStatus: draft.dirty ? "idle" : "saved", phase: { kind: "filling" } });
  }

  private onChange(immediate: boolean): void {
    if (this.applying || this.disposed) return;
    const phase = this.state.phase.kind;
    if (phase !== "filling" && phase !== "submitting") return;
    this.rev += 1;
    this.draft = {
      v: 1,
      id: this.draft?.id ?? newUuid(),
      survey: this.options.slug,
      unit: this.unitLink,
      data: this.model.data as Record<string, unknown>,
      page: this.model.currentPageNo,
      locale: this.locale,
      resumeCode: this.draft?.resumeCode ?? null,
      dirty: true,
      changedAt: new Date().toISOString(),
    };
    writeDraft(this.storage, this.draft);
    if (phase === "submitting") return; // the submission in flight carries the answers
    // Not "Guardado" while a change waits for its save; offline or closed stays as it is.
    if (this.state.saveStatus !== "offline" && this.state.saveStatus !== "retrying" && this.state.saveStatus !== "closed") {
      this.set({ saveStatus: "saving" });
    }
    clearTimeout(this.debounce);
    if (immediate) this.flush();
    else this.debounce = setTimeout(() => this.flush(), DEBOUNCE_MS);
  }

  private job(complete: boolean): SaveJob | null {
    if (!this.draft) return null;
    return {
      id: this.draft.id,
      rev: this.rev,
      body: {
        survey: this.options.slug,
        unit: this.unitLink,
        locale: this.locale,
        data: this.model.data as Record<string, unknown>,
        complete,
        page: this.model.currentPageNo,
      },
    };
  }

  /** Sends the current answers now (if there is anything unsent). */
  private flush(): void {
    clearTimeout(this.debounce);
    const job = this.draft?.dirty ? this.job(false) : null;
    if (!job) return;
    void this.queue.save(job).then((result) => this.onSaved(job, result));
  }

  private onSaved(job: SaveJob, result: TransportResult): void {
    if (this.state.phase.kind !== "filling" || !this.draft || this.draft.id !== job.id) return;
    const outcome = classifySave(result);
    if (outcome.kind === "saved") {
      this.unconfirmed = false;
      this.set({ unconfirmedCopy: false, surveyChanged: !!outcome.version && outcome.version !== this.options.version });
      this.draft = { ...this.draft, resumeCode: outcome.resumeCode, dirty: this.rev === job.rev ? false : this.draft.dirty };
      writeDraft(this.storage, this.draft);
      const settled = this.rev === job.rev && !this.queue.busy;
      this.set({ resumeCode: outcome.resumeCode, saveStatus: settled ? "saved" : "saving" });
    } else if (outcome.kind === "already_submitted") this.finish();
    else {
      // This form checks the same shapes as the server: answers it refuses mean the server has
      // another version of the survey.
      if (outcome.kind === "invalid") this.set({ surveyChanged: true });
      this.set({ saveStatus: outcome.kind === "closed" ? "closed" : "failed", unconfirmedCopy: false });
    }
  }

  private onQueueActivity(a: QueueActivity): void {
    const submitting = this.state.phase.kind === "submitting";
    if (a.kind === "sending") {
      if (submitting) this.set({ phase: { kind: "submitting", retry: null } });
      else this.set({ saveStatus: "saving" });
    } else if (a.kind === "waiting") {
      if (submitting) this.set({ phase: { kind: "submitting", retry: a.reason } });
      else this.set({ saveStatus: a.reason === "network" ? "offline" : "retrying" });
    }
  }

  /** The SurveyJS completing step: true once the server has the complete response. */
  private async submit(): Promise<boolean> {
    if (!this.draft) this.onChange(false);
    const job = this.job(true);
    if (!job) return false;
    clearTimeout(this.debounce);
    this.set({ phase: { kind: "submitting", retry: null }, issues: [], submitError: null });
    const sent = this.queue.save(job);
    this.queue.wake(); // the person pressed submit: do not sit out a network backoff
    const outcome = classifySave(await sent);
    if (outcome.kind === "submitted" || outcome.kind === "already_submitted") return true;
    this.set({ phase: { kind: "filling" } });
    if (outcome.kind === "invalid") {
      const issues = labelIssues(this.model, outcome.issues, this.options.texts[this.locale].issueFallback);
      this.set({ issues });
      const first = issues.find((i) => i.question);
      if (first?.question) this.focusQuestion(first.question);
    } else {
      this.set({ submitError: outcome.kind === "closed" ? "closed" : "failed" });
    }
    return false;
  }

  private finish(): void {
    clearTimeout(this.debounce);
    clearDraft(this.storage, this.options.slug, this.unitLink);
    this.draft = null;
    if (this.state.phase.kind === "done") return;
    this.set({ phase: { kind: "done" } });
    this.options.onDone();
  }

  private readonly onOnline = (): void => {
    this.queue.wake();
    this.confirmWithServer();
  };

  /**
   * An offline copy back online: saving the answers once tells whether the survey is still open
   * and the same version (the server's answer names its version). Nothing to check without answers.
   */
  private confirmWithServer(): void {
    if (!this.unconfirmed || !this.draft || this.state.phase.kind !== "filling") return;
    this.unconfirmed = false;
    this.draft = { ...this.draft, dirty: true };
    this.flush();
  }
}
