// Browser-side calls of the respondent API: save (PUT), read back (GET by id) and resume (GET by
// code). Each call has a timeout, because a request on a weak mobile connection can hang for
// minutes; a timeout or network failure rejects, any HTTP answer resolves.
import type { IssueLike } from "@/lib/fill/issue-labels";
import type { TransportResult } from "@/lib/fill/save-queue";

const TIMEOUT_MS = 20_000;
/** Browsers cap all in-flight keepalive bodies at 64 KiB together. */
const KEEPALIVE_MAX_BYTES = 60_000;

export interface PutResponseBody {
  survey: string;
  unit: string | null;
  locale: "es" | "en";
  data: Record<string, unknown>;
  complete: boolean;
  page: number;
}

/** What GET /api/responses/{id} and /api/resume/{code} answer (type only: nothing of db/ ships). */
export type { ResumableResponse } from "@/db/queries/responses";

async function request(url: string, init: RequestInit): Promise<TransportResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const res = await fetch(url, { ...init, signal: controller.signal, cache: "no-store" });
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    const retryAfter = Number(res.headers.get("retry-after"));
    return {
      status: res.status,
      body,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * PUT /api/responses/{id}. Sent with keepalive when small enough, so a save started just before
 * the tab is hidden or closed still reaches the server.
 */
export function putResponse(id: string, body: PutResponseBody): Promise<TransportResult> {
  const text = JSON.stringify(body);
  const keepalive = new TextEncoder().encode(text).byteLength < KEEPALIVE_MAX_BYTES;
  return request(`/api/responses/${encodeURIComponent(id)}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: text,
    keepalive,
  });
}

export function getResponse(id: string): Promise<TransportResult> {
  return request(`/api/responses/${encodeURIComponent(id)}`, { method: "GET" });
}

export function getResumeByCode(code: string): Promise<TransportResult> {
  return request(`/api/resume/${encodeURIComponent(code)}`, { method: "GET" });
}

/** The respondent API as the fill page uses it (the browser's fetch; tests pass their own). */
export interface FillTransport {
  put(id: string, body: PutResponseBody): Promise<TransportResult>;
  get(id: string): Promise<TransportResult>;
  resume(code: string): Promise<TransportResult>;
}

export const browserTransport: FillTransport = { put: putResponse, get: getResponse, resume: getResumeByCode };

export type SaveOutcome =
  | { kind: "saved"; resumeCode: string; version: string | undefined }
  | { kind: "submitted" }
  | { kind: "already_submitted" }
  | { kind: "invalid"; issues: IssueLike[] }
  | { kind: "closed" }
  | { kind: "failed"; status: number; code: string | undefined };

/** What a final answer to PUT /api/responses/{id} means for the respondent. */
export function classifySave(result: TransportResult): SaveOutcome {
  const body = (result.body ?? {}) as { status?: string; resumeCode?: string; version?: string; issues?: IssueLike[] };
  const code = errorCode(result.body);
  if (result.status === 200 && body.status === "complete") return { kind: "submitted" };
  if (result.status === 200 && typeof body.resumeCode === "string") return { kind: "saved", resumeCode: body.resumeCode, version: body.version };
  if (code === "response_already_submitted") return { kind: "already_submitted" };
  if (code === "survey_closed") return { kind: "closed" };
  if (result.status === 422 && code === "invalid_answers") return { kind: "invalid", issues: body.issues ?? [] };
  return { kind: "failed", status: result.status, code };
}

export function errorCode(body: unknown): string | undefined {
  return body && typeof body === "object" && typeof (body as { error?: unknown }).error === "string" ? (body as { error: string }).error : undefined;
}
