// The public save endpoint limits each client address; a refused save says when to come back.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { SONDEO_RATE_LIMIT_PER_MINUTE: "30" } });
});
afterAll(async () => server?.stop());

it("answers 429 with Retry-After past the per-IP limit, without storing the refused save", async () => {
  const statuses: number[] = [];
  let refused: Response | undefined;
  const refusedIds: string[] = [];
  for (let i = 0; i < 40; i++) {
    const id = randomUUID();
    const res = await fetch(`${server.url}/api/responses/${id}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ survey: "dnc-tim", unit: null, locale: "es", data: { consentimiento: true }, complete: false }),
    });
    statuses.push(res.status);
    if (res.status === 429) {
      refused ??= res;
      refusedIds.push(id);
    }
  }
  expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
  expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
  expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
  expect((await refused!.json()).error).toBe("too_many_requests");
  const back = await fetch(`${server.url}/api/responses/${refusedIds[0]}`);
  expect(back.status).toBe(404);
});

it("throttles resume-code lookups so codes cannot be enumerated (60-bit codes, 20 tries per 10 min)", async () => {
  const statuses: number[] = [];
  let last: Response | undefined;
  for (let i = 0; i < 22; i++) {
    last = await fetch(`${server.url}/api/resume/ZZZZ-ZZZZ-ZZ${String(i).padStart(2, "0")}`);
    statuses.push(last.status);
  }
  expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
  expect(statuses.slice(20)).toEqual([429, 429]);
  expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
});
