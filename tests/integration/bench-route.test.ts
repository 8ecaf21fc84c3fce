// The benchmark's baseline route (PUT /api/bench/bare/{uuid}) stores answers without validation,
// so it exists only in the benchmark build (.next-bench): the production build has no such route,
// whatever the environment says.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { completeAnswers } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { SONDEO_BENCH: "1" } });
});

afterAll(async () => {
  await server?.stop();
});

it("is not in the production build", async () => {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../.next/app-path-routes-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  expect(Object.values(manifest)).toContain("/api/responses/[id]");
  expect(Object.values(manifest).filter((route) => route.startsWith("/api/bench"))).toEqual([]);
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
