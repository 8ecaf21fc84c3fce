// Client-side helper for the coordinator forms: one request to an /api/admin route, the JSON
// answer, and never a thrown error (a network failure is reported as status 0).
export interface ApiResult<T = Record<string, unknown>> {
  ok: boolean;
  status: number;
  body: T & { error?: string; message?: string };
}

export async function sendJson<T = Record<string, unknown>>(
  method: "POST" | "PATCH" | "PUT" | "DELETE",
  url: string,
  body?: unknown,
  init: { contentType?: string; raw?: BodyInit } = {},
): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, {
      method,
      headers: { "content-type": init.contentType ?? "application/json", accept: "application/json" },
      body: init.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      credentials: "same-origin",
    });
    let parsed: unknown = {};
    try {
      parsed = await res.json();
    } catch {
      parsed = {};
    }
    return { ok: res.ok, status: res.status, body: parsed as ApiResult<T>["body"] };
  } catch {
    return { ok: false, status: 0, body: { error: "network" } as ApiResult<T>["body"] };
  }
}
