// GET /assets-br/{file} – a respondent page's script or stylesheet, Brotli-compressed at build time
// (scripts/build-respondent-assets.ts writes public/assets/<file>.br). Browsers never ask for this
// address: next.config.js rewrites /assets/<file> here when the request accepts br, so the URL the
// page names, and its immutable caching, stay the same; other requests get Next's gzip. The
// Content-Encoding header comes from next.config.js too: Next.js drops the one a route handler sets.
import fs from "node:fs";
import path from "node:path";

export const dynamic = "force-dynamic";

const NAME = /^[\w-]+-[A-Z0-9]{8}\.(js|css)$/;
const TYPES = { js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" } as const;
const FOLDER = path.join(process.cwd(), "public", "assets");
const files = new Map<string, Buffer>();

function compressed(file: string): Buffer | undefined {
  let body = files.get(file);
  if (!body) {
    try {
      body = fs.readFileSync(path.join(FOLDER, `${file}.br`));
    } catch {
      return undefined;
    }
    files.set(file, body);
  }
  return body;
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  const match = NAME.exec(file);
  const body = match ? compressed(file) : undefined;
  // No body: the Content-Encoding next.config.js gives this address would not fit one.
  if (!match || !body) return new Response(null, { status: 404, headers: { "cache-control": "no-store" } });
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": TYPES[match[1] as keyof typeof TYPES],
      "cache-control": "public, max-age=31536000, immutable",
    },
  });
}
