// Reads a JSON request body with a hard size cap, strict UTF-8 and a clear 4xx for each failure.
import { AppError } from "./app-error";
import { readBodyBytes } from "./read-body-bytes";

/** Largest accepted body of a response save: the survey's open answers total ~12 KB. */
export const MAX_BODY_BYTES = 256 * 1024;

export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError(415, "unsupported_media_type", "Send the body as application/json.");
  }
  const bytes = await readBodyBytes(req, limit);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError(400, "invalid_utf8", "The body is not valid UTF-8.");
  }
  // A "__proto__" member would be dropped (or worse, become a prototype) by the object copies
  // downstream, so a request carrying one is refused outright rather than silently altered.
  const reviver = text.includes("__proto__") ? rejectProtoKeys : undefined;
  try {
    return JSON.parse(text, reviver) as unknown;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(400, "malformed_json", "The body is not valid JSON.");
  }
}

function rejectProtoKeys(key: string, value: unknown): unknown {
  if (key === "__proto__") throw new AppError(400, "forbidden_key", 'The body may not contain a "__proto__" key.');
  return value;
}
