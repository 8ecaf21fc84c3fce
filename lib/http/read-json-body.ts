// Reads a JSON request body with a hard size cap, strict UTF-8 and a clear 4xx for each failure.
import { AppError } from "./app-error";

/** Largest accepted body of a response save: the survey's open answers total ~12 KB. */
export const MAX_BODY_BYTES = 256 * 1024;

export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError(415, "unsupported_media_type", "Send the body as application/json.");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  const bytes = Buffer.concat(chunks);
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

function tooLarge(limit: number): AppError {
  return new AppError(413, "payload_too_large", `The body exceeds the limit of ${limit} bytes.`, { limit });
}
