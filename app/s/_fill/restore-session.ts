// Where a respondent's answers come from when the fill page opens: a resume code (another
// device), this device's draft — shown at once, then checked against the server's copy — or
// nothing yet.
import { readDraft, type DraftStorage, type LocalDraft, type ServerCopy } from "@/lib/fill/local-draft";
import type { FillTransport, ResumableResponse } from "./response-api";

export type RestoreOutcome =
  | { kind: "fresh" }
  | { kind: "resume_error"; reason: "not_found" | "too_many" | "unavailable" }
  | { kind: "submitted"; unit: string | null }
  /** A response found by its resume code: continue it here. */
  | { kind: "code"; draft: LocalDraft }
  /** This device's draft (already shown) and what the server knows about it. */
  | { kind: "local"; server: ServerCopy | "missing" | "unreachable" };

export interface RestoreInput {
  storage: DraftStorage | null;
  transport: Pick<FillTransport, "get" | "resume">;
  slug: string;
  unit: string | null;
  code: string | null;
  /** Called with this device's draft as soon as it is read, before any network round trip. */
  onLocalDraft: (draft: LocalDraft) => void;
}

/** The server's copy of a response as a local draft (nothing unsent). */
export function draftFromServer(r: ResumableResponse, slug: string): LocalDraft {
  return {
    v: 1,
    id: r.id,
    survey: slug,
    unit: r.unit,
    data: r.data ?? {},
    page: r.currentPage,
    locale: r.locale,
    resumeCode: r.resumeCode,
    dirty: false,
    changedAt: r.updatedAt,
  };
}

async function fromCode(transport: RestoreInput["transport"], code: string, slug: string): Promise<RestoreOutcome> {
  let result;
  try {
    result = await transport.resume(code);
  } catch {
    return { kind: "resume_error", reason: "unavailable" };
  }
  if (result.status === 429) return { kind: "resume_error", reason: "too_many" };
  if (result.status === 404) return { kind: "resume_error", reason: "not_found" };
  const found = result.body as ResumableResponse | null;
  if (result.status !== 200 || !found) return { kind: "resume_error", reason: "unavailable" };
  if (found.survey !== slug) return { kind: "resume_error", reason: "not_found" };
  if (found.status === "complete") return { kind: "submitted", unit: found.unit };
  return { kind: "code", draft: draftFromServer(found, slug) };
}

async function serverCopy(transport: RestoreInput["transport"], id: string): Promise<ServerCopy | "missing" | "unreachable"> {
  try {
    const result = await transport.get(id);
    if (result.status === 404) return "missing";
    if (result.status !== 200 || !result.body) return "unreachable";
    return result.body as ResumableResponse;
  } catch {
    return "unreachable";
  }
}

export async function restoreSession(input: RestoreInput): Promise<RestoreOutcome> {
  if (input.code) return fromCode(input.transport, input.code, input.slug);
  const local = readDraft(input.storage, input.slug, input.unit);
  if (!local) return { kind: "fresh" };
  input.onLocalDraft(local);
  return { kind: "local", server: await serverCopy(input.transport, local.id) };
}
