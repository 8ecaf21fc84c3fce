// GET /api/health – liveness and database check for monitors and deploy scripts.
import { getDb } from "@/db/client";
import { pingDatabase } from "@/db/queries/health";
import { handle, json } from "@/lib/http/json-response";
import { listSurveys } from "@/surveys/registry";

export const dynamic = "force-dynamic";

export const GET = handle("health", async () => {
  await pingDatabase(await getDb());
  return json({ status: "ok", db: "ok", surveys: (await listSurveys()).map((s) => s.slug) });
});
