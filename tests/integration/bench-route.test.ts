// The benchmark's baseline route (PUT /api/bench/bare/{uuid}) stores answers without validation,
// so it exists only in the benchmark build (.next-bench): the production build has no such route,
// whatever the environment says.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { closeDb, openDb, tablesOf } from "@/db/client";
import { all, first, get, int } from "@/db/dialect";
import { insertBareCompletion } from "@/db/queries/insert-bare-completion";
import { saveResponse } from "@/db/queries/save-response";
import { getSurvey } from "@/surveys/registry";
import { openTestDb } from "../support/coordinators";
import { newTestDatabase } from "../support/engine";
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
  const db = await openTestDb(server.db);
  try {
    const { responses } = tablesOf(db);
    expect(
      await first(
        db
          .select({ n: int(sql`count(*)`) })
          .from(responses)
          .where(eq(responses.id, id)),
      ),
    ).toEqual({ n: 0 });
  } finally {
    await closeDb(db);
  }
});

it("the baseline writes exactly the rows a completed submission writes (so it measures the same work)", async () => {
  // bench/submissions.ts compares the product to this baseline: were it to fail (a missing column),
  // every baseline request would be a 500 and the ratio meaningless, as once happened.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-bare-"));
  // A new database of the run's engine: the baseline route runs on PostgreSQL too (bench/submissions.ts).
  const db = await openDb(await newTestDatabase(dir), { seedSample: false });
  try {
    const survey = await getSurvey("dnc-tim");
    if (!survey) throw new Error("no dnc-tim");
    const data = completeAnswers();
    const bare = randomUUID();
    const product = randomUUID();
    await insertBareCompletion(db, { id: bare, survey, locale: "es", data });
    await saveResponse(db, { id: product, survey, unitId: null, locale: "es", data, complete: true });
    const row = (id: string) =>
      get(db, sql`select survey_slug, survey_version, status, data, locale, round, dim1, dim2, dim3, release_batch from responses where id = ${id}`);
    expect(await row(bare)).toEqual(await row(product));
    const ratings = (id: string) =>
      all(
        db,
        sql`select topic, importance, competence, not_applicable, round, dim1, dim2 from need_ratings where response_id = ${id} order by topic`,
      );
    expect(await ratings(bare)).toHaveLength(18);
    expect(await ratings(bare)).toEqual(await ratings(product));
  } finally {
    await closeDb(db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
