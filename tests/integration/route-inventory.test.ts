// Every page and route handler under app/ is either on the explicit public list below or refuses
// anonymous visitors: pages redirect to /admin/login, route handlers answer 401. A route added
// later fails here until it is protected or consciously added to PUBLIC.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";

const APP = path.resolve(__dirname, "../../app");

/** Public on purpose: respondents, the landing page, health, and the way in. */
const PUBLIC = new Set([
  "page /",
  "page /s/[slug]",
  "page /s/[slug]/gracias",
  "page /admin/login",
  "page /admin/forbidden",
  "route GET /api/health",
  "route GET /api/responses/[id]",
  "route PUT /api/responses/[id]",
  "route GET /api/resume/[code]",
  "route POST /api/auth/login",
  "route POST /api/auth/logout",
]);

const DUMMY: Record<string, string> = { slug: "dnc-tim", id: "1", code: "ABCD2345EFGH" };
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

interface Entry {
  kind: "page" | "route";
  method: string;
  pattern: string;
  url: string;
  file: string;
}

/** URL pattern of a file's folder: route groups "(x)" vanish, "_private" folders are not routes. */
function patternOf(dir: string): string | null {
  const segments = path.relative(APP, dir).split(path.sep).filter(Boolean);
  if (segments.some((s) => s.startsWith("_") || s.startsWith("@"))) return null;
  const kept = segments.filter((s) => !(s.startsWith("(") && s.endsWith(")")));
  return `/${kept.join("/")}`;
}

function urlOf(pattern: string): string {
  return pattern.replace(/\[\[?\.{0,3}([^\]]+)\]\]?/g, (_, name: string) => DUMMY[name] ?? "x1");
}

function inventory(): Entry[] {
  const out: Entry[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const pattern = patternOf(dir);
      if (pattern === null) continue;
      if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) {
        out.push({ kind: "page", method: "GET", pattern, url: urlOf(pattern), file: full });
      } else if (/^route\.(ts|js)$/.test(entry.name)) {
        const source = fs.readFileSync(full, "utf8");
        const exported = METHODS.filter((m) =>
          new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b|export\\s*\\{[^}]*\\b${m}\\b[^}]*\\}`).test(source),
        );
        if (exported.length === 0) throw new Error(`${full} exports no HTTP method this test knows`);
        for (const m of exported) out.push({ kind: "route", method: m, pattern, url: urlOf(pattern), file: full });
      }
    }
  };
  walk(APP);
  return out;
}

const entries = inventory();
const key = (e: Entry) => (e.kind === "page" ? `page ${e.pattern}` : `route ${e.method} ${e.pattern}`);
const guarded = entries.filter((e) => !PUBLIC.has(key(e)));

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("route inventory", () => {
  it("finds the coordinator area and the public routes it expects", () => {
    const keys = new Set(entries.map(key));
    for (const k of ["page /admin", "page /admin/units/[id]", "page /admin/surveys/[slug]/coverage", "route POST /api/admin/units/import", "route POST /api/auth/login"]) {
      expect(keys, k).toContain(k);
    }
    expect(guarded.length).toBeGreaterThan(15);
  });

  it.each(guarded.filter((e) => e.kind === "page").map((e) => [e.pattern, e] as const))(
    "anonymous GET %s redirects to sign-in",
    async (_pattern, e) => {
      const res = await fetch(`${server.url}${e.url}`, { redirect: "manual" });
      expect(res.status, `${e.file}`).toBe(307);
      const location = res.headers.get("location") ?? "";
      expect(location.startsWith("/admin/login?next="), `${e.file} → ${location}`).toBe(true);
      expect(decodeURIComponent(location.slice("/admin/login?next=".length))).toBe(e.url);
    },
  );

  it.each(guarded.filter((e) => e.kind === "route").map((e) => [`${e.method} ${e.pattern}`, e] as const))(
    "anonymous %s answers 401",
    async (_name, e) => {
      const hasBody = e.method !== "GET" && e.method !== "DELETE";
      const res = await fetch(`${server.url}${e.url}`, {
        method: e.method,
        redirect: "manual",
        headers: hasBody ? { "content-type": "application/json" } : {},
        body: hasBody ? "{}" : undefined,
      });
      expect(res.status, `${e.file}`).toBe(401);
      expect(await res.json()).toMatchObject({ error: "unauthenticated" });
    },
  );

  it("lists only public entries that exist or are expected from the fill page", () => {
    const keys = new Set(entries.map(key));
    const fillPage = new Set(["page /s/[slug]", "page /s/[slug]/gracias"]);
    for (const p of PUBLIC) if (!fillPage.has(p)) expect(keys, `${p} is on the public list but not in app/`).toContain(p);
  });
});
