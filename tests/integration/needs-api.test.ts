// GET /api/surveys/{slug}/needs and the open answers page against a real server and SQLite,
// compared with figures computed by hand from tests/support/needs-dataset.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { createAnalyst, loginCookie } from "../support/needs-auth";
import { FORMULA_ANSWER, insertNeedsDataset, SCRIPT_ANSWER } from "../support/needs-dataset";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let cookie: string;

beforeAll(async () => {
  server = await startServer();
  const db = openDb(server.dbFile);
  insertNeedsDataset(db);
  db.$client.close();
  await createAnalyst(server.dbFile);
  cookie = await loginCookie(server.url);
});

afterAll(async () => {
  await server?.stop();
});

type Topic = { topic: string; n: number; meanImportance: number; meanCompetence: number; meanDiscrepancy: number; mwds: number; rank: number; quadrant: string };
type Group = { group: string; suppressed: string | null; n?: number; topics?: Topic[] };
type Report = { survey: string; k: number; by: string; n: number | null; suppressed: string | null; total: { n: number; topics: Topic[] } | null; groups: Group[] };

async function needs(query = ""): Promise<{ status: number; body: Report & { error?: string; message?: string } }> {
  const res = await fetch(`${server.url}/api/surveys/dnc-tim/needs${query}`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as Report & { error?: string; message?: string } };
}

const topic = (topics: Topic[] | undefined, code: string) => topics?.find((t) => t.topic === code);

describe("GET /api/surveys/{slug}/needs", () => {
  it("requires a signed-in analyst", async () => {
    const res = await fetch(`${server.url}/api/surveys/dnc-tim/needs`);
    expect(res.status).toBe(401);
  });

  it("returns the hand-computed national figures; the partial response counts nowhere", async () => {
    const { status, body } = await needs();
    expect(status).toBe(200);
    expect(body).toMatchObject({ survey: "dnc-tim", k: 5, by: "institucion", n: 14, suppressed: null });
    // T05: pnp (n 5, ΣI 21, ΣC 15) + migraciones (5, 20, 10) + poder_judicial (2, 10, 2) → n 12, ΣI 51, ΣC 27.
    expect(topic(body.total?.topics, "T05")).toEqual({
      topic: "T05",
      n: 12,
      meanImportance: 4.25,
      meanCompetence: 2.25,
      meanDiscrepancy: 2,
      mwds: 8.5,
      rank: 1,
      quadrant: "prioridad_alta",
    });
    // T01: pnp 7 × (5, 1) + 7 × (3, 3) → n 14, ΣI 56, ΣC 28 → Ī 4, C̄ 2, D̄ 2, MWDS 8.
    expect(topic(body.total?.topics, "T01")).toMatchObject({
      n: 14,
      meanImportance: 4,
      meanCompetence: 2,
      meanDiscrepancy: 2,
      mwds: 8,
      rank: 2,
      quadrant: "prioridad_alta",
    });
    // Everything else is (3, 3): MWDS 0, ranked in topic-code order, low priority.
    expect(topic(body.total?.topics, "T02")).toMatchObject({ n: 14, mwds: 0, rank: 3, quadrant: "baja_prioridad" });
    expect(topic(body.total?.topics, "T18")).toMatchObject({ mwds: 0, rank: 18 });
  });

  it("shows pnp (the worked example: 7 responses, T05 n = 5) and hides poder_judicial (2 < k) and its smallest neighbour", async () => {
    const { body } = await needs();
    expect(body.groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["migraciones", "complementary"],
      ["pnp", null],
      ["poder_judicial", "primary"],
    ]);
    expect(body.groups[0]).toEqual({ group: "migraciones", suppressed: "complementary" });
    const pnp = body.groups[1];
    expect(pnp?.n).toBe(7);
    expect(topic(pnp?.topics, "T05")).toMatchObject({ n: 5, meanImportance: 4.2, meanCompetence: 3, meanDiscrepancy: 1.2, mwds: 5.04, rank: 2 });
    expect(topic(pnp?.topics, "T01")).toMatchObject({ n: 7, mwds: 20, rank: 1 });
  });

  it("a filter below k shows only that fact; a filter selecting a protected group shows nothing", async () => {
    const small = await needs("?institucion=poder_judicial");
    expect(small.body).toMatchObject({ n: null, suppressed: "filter_below_k", total: null, groups: [] });
    const protectedGroup = await needs("?institucion=migraciones");
    expect(protectedGroup.body).toMatchObject({ n: null, suppressed: "filter_protects_group", total: null, groups: [] });
    const pnp = await needs("?institucion=pnp");
    expect(pnp.body.n).toBe(7);
    expect(topic(pnp.body.total?.topics, "T05")?.mwds).toBe(5.04);
  });

  it("filters by dates as Peru days, by unit code and by region, with other breakdowns", async () => {
    // 2–5 March (Lima) = the seven pnp responses, one sent at 23:59 on the 5th (04:59 UTC on the 6th).
    const march = await needs("?from=2026-03-01&to=2026-03-05");
    expect(march.body.n).toBe(7);
    const until4th = await needs("?to=2026-03-04");
    expect(until4th.body).toMatchObject({ suppressed: "filter_below_k", n: null });
    const unit = await needs("?unit=cr-tum&by=region");
    expect(unit.body.n).toBe(7);
    // PE-TUM 3 and PE-TAC 4 are both below k.
    expect(unit.body.groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["PE-TAC", "primary"],
      ["PE-TUM", "primary"],
    ]);
    const byRole = await needs("?by=cargo_categoria");
    expect(byRole.body.groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["fiscal_juez", "primary"],
      ["inspector_migratorio", "complementary"],
      ["policia_investigador", null],
    ]);
  });

  it("refuses invalid parameters with a 400 and a message", async () => {
    for (const [query, pattern] of [
      ["?by=dependencia", /^by:/],
      ["?institucion=policia", /^institucion: must be one of/],
      ["?unit=NO-SUCH", /no unit "NO-SUCH"/],
      ["?from=2026-13-01", /^from:/],
      ["?regoin=PE-TUM", /Unknown parameter/],
    ] as const) {
      const { status, body } = await needs(query);
      expect(status, query).toBe(400);
      expect(body.message, query).toMatch(pattern);
    }
    expect((await fetch(`${server.url}/api/surveys/no-such/needs`, { headers: { cookie } })).status).toBe(404);
  });
});

describe("open answers page", () => {
  const page = async (query: string) => {
    const res = await fetch(`${server.url}/admin/surveys/dnc-tim/needs/open${query}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return res.text();
  };

  it("shows <script> and =HYPERLINK(…) answers as inert text", async () => {
    const html = await page("?question=otras_necesidades");
    expect(html).toContain("&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; Necesito &lt;b&gt;más&lt;/b&gt; práctica");
    expect(html).not.toContain('<script>alert("xss")');
    expect(html).not.toContain("<b>más</b>");
    const sugerencias = await page("?question=sugerencias&q=hyperlink");
    expect(sugerencias).toContain("=HYPERLINK(&quot;http://evil.example/&quot;,&quot;clic aquí&quot;)");
    expect(sugerencias).not.toMatch(/<a[^>]+evil\.example/);
    expect(SCRIPT_ANSWER).toContain("<script>");
    expect(FORMULA_ANSWER).toMatch(/^=/);
  });

  it("lists nothing for a selection below k", async () => {
    const html = await page("?question=otras_necesidades&institucion=poder_judicial");
    expect(html).toContain('data-suppressed="filter_below_k"');
    expect(html).not.toContain("Texto de un grupo pequeño");
  });

  it("sends signed-out visitors to the sign-in page", async () => {
    const res = await fetch(`${server.url}/admin/surveys/dnc-tim/needs?institucion=pnp`, { redirect: "manual" });
    expect([303, 307, 308]).toContain(res.status);
    expect(res.headers.get("location")).toContain("/admin/login?next=");
  });
});
