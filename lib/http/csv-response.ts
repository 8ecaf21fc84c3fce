// A CSV download: a Node stream handed to the Web Response with backpressure (the stream is only
// read as fast as the client takes it).
import { Readable } from "node:stream";

export function csvResponse(body: Readable, fileName: string): Response {
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
