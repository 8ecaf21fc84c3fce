// The respondent pages over real HTTP: the fill page is server-rendered HTML (title and
// introduction readable before any script), names exactly one script and two stylesheets, all
// hashed, immutable and compressed, and ships no Next.js client runtime; the notices (unknown
// survey, invalid link, closed survey, thanks) say what happened, in the visitor's language.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { run, transaction } from "@/db/dialect";
import { openTestDb } from "../support/coordinators";
import { startServer, type TestServer } from "../support/server";
import { unitLink } from "../support/units";

let server: TestServer;
let link: string;

beforeAll(async () => {
  server = await startServer();
  link = await unitLink(server.db, "CR-TUM");
});
afterAll(async () => server?.stop());

const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });

function scriptTags(page: string): string[] {
  return page.match(/<script\b[^>]*>/g) ?? [];
}

function fillProps(page: string): Record<string, unknown> {
  const json = /<script type="application\/json" id="fill-props">([\s\S]*?)<\/script>/.exec(page)?.[1];
  expect(json, "the form's data block").toBeDefined();
  return JSON.parse(json!) as Record<string, unknown>;
}

describe("fill page", () => {
  it("is server-rendered Spanish HTML with the introduction, the form's data and one module script", async () => {
    const res = await get(`/s/dnc-tim?u=${link}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("cache-control")).toContain("no-store");
    const page = await res.text();
    expect(page).toContain('<html lang="es-PE">');
    expect(page).toContain("<h1>Diagnóstico de necesidades de capacitación en tráfico ilícito de migrantes</h1>");
    expect(page).toContain("Presentación y consentimiento");
    expect(page).toContain('<meta name="robots" content="noindex">');
    // The module script carries the request's CSP nonce; the JSON block is data, never run.
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    const scripts = scriptTags(page);
    expect(scripts).toHaveLength(2);
    expect(scripts[0]).toMatch(new RegExp(`^<script type="module" src="/assets/fill-[A-Z0-9]{8}\\.js" nonce="${nonce}">$`));
    expect(scripts[1]).toBe('<script type="application/json" id="fill-props">');
    const props = fillProps(page);
    expect(props).toMatchObject({ slug: "dnc-tim", unit: link, resumeCode: null, locale: "es" });
    expect((props.definition as { pages: unknown[] }).pages.length).toBeGreaterThan(3);
  });

  it("ships no Next.js client runtime, and every asset is hashed, immutable and compressed", async () => {
    const page = await (await get(`/s/dnc-tim?u=${link}`)).text();
    expect(page).not.toContain("/_next/");
    expect(page).not.toContain("self.__next_f");
    const urls = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(urls.map((u) => u.replace(/-[A-Z0-9]{8}\./, "-#."))).toEqual(["/assets/respondent-#.css", "/assets/fill-#.js", "/assets/survey-#.css"]);
    for (const url of urls) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("cache-control"), url).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("content-encoding"), url).toMatch(/^(gzip|br)$/);
      expect(res.headers.get("content-type"), url).toMatch(url.endsWith(".js") ? /javascript/ : /text\/css/);
      const body = await res.text();
      expect(body, url).not.toContain("recharts");
      // Brotli (made at build time) to a browser that takes it, gzip otherwise: the same file.
      const asked = async (encoding: string) => {
        const r = await fetch(`${server.url}${url}`, { headers: { "accept-encoding": encoding } });
        return { encoding: r.headers.get("content-encoding"), cache: r.headers.get("cache-control"), body: await r.text() };
      };
      const [br, gzip] = await Promise.all([asked("gzip, deflate, br, zstd"), asked("gzip")]);
      expect([br.encoding, gzip.encoding], url).toEqual(["br", "gzip"]);
      expect(br.cache, url).toBe("public, max-age=31536000, immutable");
      expect(br.body === gzip.body && br.body === body, url).toBe(true);
    }
    // A stale asset name is gone, not served from a cache of the past.
    expect((await get("/assets/fill-AAAAAAAA.js")).status).toBe(404);
    expect((await fetch(`${server.url}/assets/fill-AAAAAAAA.js`, { headers: { "accept-encoding": "br" } })).status).toBe(404);
  });

  it("serves the service worker from /s/, uncached, naming this build's assets of the fill page", async () => {
    const page = await (await get(`/s/dnc-tim?u=${link}`)).text();
    const res = await get("/s/sw.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const code = await res.text();
    const config = JSON.parse(/^self\.__SONDEO_SW__=(.*);$/m.exec(code)![1]!) as { assets: string[]; csp: string };
    const named = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect([...config.assets].sort()).toEqual([...named].sort());
    // The page's own policy, with the nonce left for the worker to fill in.
    expect(config.csp).toContain("script-src 'self' 'nonce-__SONDEO_NONCE__' 'strict-dynamic'");
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
  });

  it("turns a hostile resume code into data, not markup", async () => {
    const code = `</script><script>alert(1)</script><!--`;
    const res = await get(`/s/dnc-tim?r=${encodeURIComponent(code)}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(scriptTags(page)).toHaveLength(2);
    expect(fillProps(page).resumeCode).toBe(code);
  });

  it("speaks English to a visitor who chose it, in the header and the form's texts", async () => {
    const page = await (await get(`/s/dnc-tim?u=${link}`, "NEXT_LOCALE=en")).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain("<h1>Training needs assessment on smuggling of migrants</h1>");
    expect(page).toContain('<span lang="es">Español</span>');
    const props = fillProps(page) as { locale: string; header: Record<string, { title: string }> };
    expect(props.locale).toBe("en");
    // Both languages travel with the page: the switch changes it without a round trip.
    expect(props.header.es!.title).toBe("Diagnóstico de necesidades de capacitación en tráfico ilícito de migrantes");
  });
});

describe("notices instead of the form", () => {
  const isNotice = (page: string) => {
    expect(page).not.toContain("fill-props");
    expect(scriptTags(page)).toHaveLength(1);
    expect(scriptTags(page)[0]).toMatch(/src="\/assets\/notice-[A-Z0-9]{8}\.js"/);
  };

  it("an unknown survey: 404 with a message in Spanish", async () => {
    const res = await get("/s/no-existe");
    expect(res.status).toBe(404);
    const page = await res.text();
    expect(page).toContain("<h1>Encuesta no encontrada</h1>");
    isNotice(page);
    expect((await get("/s/no-existe/gracias")).status).toBe(404);
  });

  it("a unit link that does not exist", async () => {
    const res = await get("/s/dnc-tim?u=zzzzzzzzzzzz");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("<h1>Enlace no válido</h1>");
    isNotice(page);
  });

  it("the thank-you page, with the confidentiality threshold", async () => {
    const page = await (await get("/s/dnc-tim/gracias")).text();
    expect(page).toContain("<h1>¡Gracias por su participación!</h1>");
    expect(page).toContain("en grupos de al menos 5 personas");
    isNotice(page);
    const en = await (await get("/s/dnc-tim/gracias", "NEXT_LOCALE=en")).text();
    expect(en).toContain("<h1>Thank you for taking part!</h1>");
  });

  it("a closed survey", async () => {
    const db = await openTestDb(server.db);
    const setStatus = (status: "open" | "closed") =>
      transaction(db, (tx) =>
        run(tx, sql`insert into surveys (slug, status) values ('dnc-tim', ${status}) on conflict (slug) do update set status = ${status}`),
      );
    try {
      await setStatus("closed");
      const page = await (await get(`/s/dnc-tim?u=${link}`)).text();
      expect(page).toContain("<h1>Esta encuesta está cerrada</h1>");
      isNotice(page);
    } finally {
      try {
        await setStatus("open");
      } finally {
        await closeDb(db);
      }
    }
  });
});
