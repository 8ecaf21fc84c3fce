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
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError(400, "malformed_json", "The body is not valid JSON.");
  }
}
