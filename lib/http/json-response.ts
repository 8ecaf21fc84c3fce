// JSON responses and the mapping of errors to HTTP (Web-standard Response, no framework).
import { AppError } from "./app-error";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

export function errorResponse(err: unknown, context: string): Response {
  if (err instanceof AppError) {
    return json({ error: err.code, message: err.message, ...err.details }, err.status, err.headers);
  }
  console.error(`[${context}] unexpected error`, err);
  return json({ error: "internal", message: "Unexpected server error; please try again." }, 500);
}

/** Wraps a route handler so that every thrown error becomes a JSON response. */
export function handle<A extends unknown[]>(context: string, fn: (...args: A) => Promise<Response> | Response): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      return errorResponse(err, context);
    }
  };
}
