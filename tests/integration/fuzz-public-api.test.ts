// Property-based fuzzing of every public endpoint with malformed requests: wrong types, huge
// strings, deep nesting, invalid UTF-8, prototype-pollution keys, oversized bodies, wrong
// content types and bad UUIDs. Only 4xx may come back, the server stays up, nothing is stored.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { closeDb, tablesOf } from "@/db/client";
import { int } from "@/db/dialect";
import { openTestDb } from "../support/coordinators";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.stop());

interface FuzzRequest {
  method: string;
  path: string;
  contentType: string | null;
  body: Uint8Array | string | null;
}

const enc = (v: unknown) => JSON.stringify(v);
const deep = (depth: number): unknown => (depth === 0 ? 1 : { a: deep(depth - 1) });

const badValue = fc.oneof(
  fc.anything(),
  fc.string({ maxLength: 50 }),
  fc.constantFrom(null, true, -1, 1e308, "", [], {}, "💥".repeat(3000), "a".repeat(300_000)),
  fc.integer({ min: 200, max: 3000 }).map(deep),
  fc.constantFrom({ __proto__: { polluted: true } }, JSON.parse('{"__proto__": {"polluted": true}}'), { constructor: { prototype: { x: 1 } } }),
);

const validBase = { survey: "dnc-tim", unit: null, locale: "es", data: { consentimiento: true }, complete: false };

/**
 * Whether `value` in `field` of the valid base could still make a well-formed request: the
 * generators below draw from fc.anything(), which also yields `{}` (an empty draft), `false`,
 * small integers (a page number), `undefined` (an optional field left out) or NaN (sent as null).
 * Those are not defects, so they are never sent as one (CI runs once sent `data: {}` and
 * `data: {"necesidades": {}}` and got their 200).
 */
function stillWellFormed(field: string, drawn: unknown): boolean {
  // Judged as sent: NaN and ±Infinity go out as null, undefined properties vanish.
  const text = enc(drawn);
  const value: unknown = text === undefined ? undefined : JSON.parse(text);
  switch (field) {
    case "unit":
      return value === null || value === undefined;
    case "page":
      return value === undefined || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 1000);
    case "complete":
      return value === false;
    case "locale":
      return value === "es" || value === "en";
    case "data":
      return isEmptyObject(value);
    case "survey":
      return value === validBase.survey;
    default:
      return false;
  }
}

/** Whether `v` is sent as `{}` (judged on its JSON: `{ a: undefined }` is sent as `{}` too). */
const isEmptyObject = (v: unknown) => enc(v) === "{}";

/** A response payload with at least one defect. */
const badPayload = fc.oneof(
  fc
    .record({ field: fc.constantFrom("survey", "unit", "locale", "data", "complete", "page"), value: badValue })
    .filter(({ field, value }) => !stillWellFormed(field, value))
    .map(({ field, value }) => ({ ...validBase, [field]: value })),
  fc
    .record({ key: fc.constantFrom("__proto__", "constructor", "x", "institucion", "necesidades", "region"), value: badValue })
    // Not defects either: a key left out ("x" undefined), or an empty matrix (`necesidades: {}`, a
    // draft before its first rating; a CI run once sent it and got its 200).
    .filter(({ key, value }) => (key !== "x" || value !== undefined) && !(key === "necesidades" && isEmptyObject(value)))
    .map(({ key, value }) => ({ ...validBase, data: JSON.parse(`{"${key}": ${enc(value) ?? "null"}}`) })),
  fc.dictionary(fc.string(), fc.anything()),
  badValue,
);

const badBody = fc.oneof(
  badPayload.map((v) => enc(v) ?? "undefined"),
  fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Uint8Array.from([0x7b, 0x22, ...bytes, 0xff, 0xfe])),
  fc.string({ maxLength: 100 }),
  fc.constantFrom('{"survey":', "[]", "null", "{}", "\u0000", "x".repeat(300_000), `{"a":${"[".repeat(5000)}`),
);

const badId = fc.oneof(
  // Not "." or "..": the URL parser resolves such a segment away before the request is sent
  // (GET /api/resume/. is GET /api/resume/, Next's trailing-slash redirect, not our route).
  fc
    .string({ maxLength: 60 })
    .map((s) => encodeURIComponent(s) || "%20")
    .filter((s) => !/^(?:\.|%2e){1,2}$/i.test(s)),
  fc.constantFrom("00000000-0000-0000-0000-000000000000", "..%2F..%2Fetc%2Fpasswd", "%00", "a".repeat(5000), "__proto__"),
);

const request: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.record({
    method: fc.constant("PUT"),
    path: fc.oneof(badId, fc.constant(randomUUID())).map((id) => `/api/responses/${id}`),
    contentType: fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", null, "application/json; charset=latin1"),
    body: badBody,
  }),
  fc.record({
    method: fc.constantFrom("GET", "DELETE", "PATCH", "POST"),
    path: badId.map((id) => `/api/responses/${id}`),
    contentType: fc.constant(null),
    body: fc.constant(null),
  }),
  fc.record({
    method: fc.constant("GET"),
    path: badId.map((code) => `/api/resume/${code}`),
    contentType: fc.constant(null),
    body: fc.constant(null),
  }),
  fc.record({
    method: fc.constant("POST"),
    path: fc.constantFrom("/api/auth/login", "/api/auth/logout"),
    contentType: fc.constantFrom("application/json", "text/plain", null),
    body: badBody,
  }),
  fc.record({
    method: fc.constantFrom("GET", "POST"),
    path: fc
      .tuple(fc.constantFrom("/s/dnc-tim", "/s/no-existe", "/api/health"), fc.string({ maxLength: 40 }))
      .map(([p, q]) => `${p}?u=${encodeURIComponent(q)}&r=${encodeURIComponent(q)}`),
    contentType: fc.constant(null),
    body: fc.constant(null),
  }),
);

async function countResponses(): Promise<number> {
  const db = await openTestDb(server.db);
  try {
    const { responses } = tablesOf(db);
    const [row] = await db.select({ n: int(sql`count(*)`) }).from(responses);
    return row!.n;
  } finally {
    await closeDb(db);
  }
}

it("answers 1,000 malformed requests to the public endpoints with 4xx only, storing nothing", async () => {
  const before = await countResponses();
  const seen: Record<number, number> = {};
  let tried = 0;
  await fc.assert(
    fc.asyncProperty(request, async (req) => {
      tried++;
      const res = await fetch(`${server.url}${req.path}`, {
        method: req.method,
        headers: req.contentType ? { "content-type": req.contentType } : {},
        body: (req.body ?? undefined) as BodyInit | undefined,
        redirect: "manual",
      });
      await res.arrayBuffer();
      seen[res.status] = (seen[res.status] ?? 0) + 1;
      // Signing out without a session is a harmless no-op (200); health answers any query.
      const mustRefuse = req.path.startsWith("/api/") && !/^\/api\/(health|auth\/logout)/.test(req.path);
      const fine = res.status < 500 && (mustRefuse ? res.status >= 400 : true);
      if (!fine) throw new Error(`${req.method} ${req.path.slice(0, 80)} → ${res.status}`);
    }),
    { numRuns: Number(process.env.SONDEO_FUZZ_RUNS ?? 1000), seed: Number(process.env.SONDEO_FUZZ_SEED ?? Date.now() % 1e9) },
  );
  console.log(`[fuzz] ${tried} malformed requests, statuses ${JSON.stringify(seen)}`);
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  expect(await countResponses()).toBe(before);
}, 300_000);
