// The benchmark baseline route (PUT /api/bench/bare/{uuid}) stores answers without validation, so
// a normally started server must not serve it: 404, and nothing written.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { completeAnswers } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

it("is disabled unless the server runs with SONDEO_BENCH=1", async () => {
  const id = randomUUID();
  const res = await fetch(`${server.url}/api/bench/bare/${id}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ survey: "dnc-tim", locale: "es", data: { ...completeAnswers(), consentimiento: false }, complete: true }),
  });
  expect(res.status).toBe(404);
  const sqlite = new Database(server.dbFile, { readonly: true });
  try {
    expect(sqlite.prepare("select count(*) as n from responses where id = ?").get(id)).toEqual({ n: 0 });
  } finally {
    sqlite.close();
  }
});
