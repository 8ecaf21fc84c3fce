// The respondent's in-progress answers kept on the device (localStorage), one draft per survey and
// unit link, so nothing typed is lost when the connection or the browser tab goes away. Storage is
// passed in; every failure (private mode, quota, corrupt JSON) degrades to "no draft".

export interface LocalDraft {
  v: 1;
  /** The response UUID, created on the first answer. */
  id: string;
  survey: string;
  /** Link code of the unit the response belongs to (null: opened without a unit link). */
  unit: string | null;
  data: Record<string, unknown>;
  page: number;
  locale: "es" | "en";
  /** Resume code, once the server has acknowledged a save. */
  resumeCode: string | null;
  /** True while the device holds changes the server has not acknowledged. */
  dirty: boolean;
  /** Device time of the last local change (ISO 8601). */
  changedAt: string;
}

export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export function draftKey(survey: string, unit: string | null): string {
  return `sondeo:draft:${survey}:${unit ?? "-"}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Parses a stored draft, or undefined when it is missing or not a draft of this survey. */
export function parseDraft(text: string | null, survey: string): LocalDraft | undefined {
  if (!text) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(v) || v.v !== 1 || v.survey !== survey) return undefined;
  if (typeof v.id !== "string" || !isRecord(v.data)) return undefined;
  return {
    v: 1,
    id: v.id,
    survey,
    unit: typeof v.unit === "string" ? v.unit : null,
    data: v.data,
    page: typeof v.page === "number" && Number.isInteger(v.page) && v.page >= 0 ? v.page : 0,
    locale: v.locale === "en" ? "en" : "es",
    resumeCode: typeof v.resumeCode === "string" ? v.resumeCode : null,
    dirty: v.dirty === true,
    changedAt: typeof v.changedAt === "string" ? v.changedAt : new Date(0).toISOString(),
  };
}

export function readDraft(storage: DraftStorage | null, survey: string, unit: string | null): LocalDraft | undefined {
  try {
    return parseDraft(storage?.getItem(draftKey(survey, unit)) ?? null, survey);
  } catch {
    return undefined;
  }
}

/** Stores the draft; false when the device refused (the answers then live only in memory). */
export function writeDraft(storage: DraftStorage | null, draft: LocalDraft): boolean {
  try {
    if (!storage) return false;
    storage.setItem(draftKey(draft.survey, draft.unit), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage: DraftStorage | null, survey: string, unit: string | null): void {
  try {
    storage?.removeItem(draftKey(survey, unit));
  } catch {
    /* nothing to clear */
  }
}

export interface ServerCopy {
  status: "partial" | "complete";
  updatedAt: string;
  data?: Record<string, unknown>;
  currentPage: number;
}

export type DraftDecision = "keep_local" | "use_server" | "submitted";

/**
 * What to do with a local draft once the server's copy of the same response is known: a
 * submitted response is done; a draft with no unsent changes follows the server (it may have
 * been continued on another device); unsent local changes win unless the server copy is newer.
 */
export function reconcileDraft(local: LocalDraft, server: ServerCopy | undefined): DraftDecision {
  if (!server) return "keep_local";
  if (server.status === "complete") return "submitted";
  if (!server.data) return "keep_local";
  if (!local.dirty) return "use_server";
  return Date.parse(server.updatedAt) > Date.parse(local.changedAt) ? "use_server" : "keep_local";
}
