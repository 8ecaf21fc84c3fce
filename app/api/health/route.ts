// GET /api/health – liveness and database check for monitors and deploy scripts.
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { get } from "@/db/dialect";
import { handle, json } from "@/lib/http/json-response";
import { listSurveys } from "@/surveys/registry";

export const dynamic = "force-dynamic";

export const GET = handle("health", async () => {
  await get(await getDb(), sql`select 1`);
  return json({ status: "ok", db: "ok", surveys: (await listSurveys()).map((s) => s.slug) });
});
