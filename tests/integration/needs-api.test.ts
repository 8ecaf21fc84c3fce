// GET /api/surveys/{slug}/needs and the open answers page against a real server and SQLite,
// compared with figures computed by hand from tests/support/needs-dataset.ts, under the release
// rule (release-rule.md): the dataset is inserted, then read once, at a fixed server clock — one
// release, which poder_judicial (2 < k) does not join.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, openDb } from "@/db/client";
import { createAnalyst, loginCookie } from "../support/needs-auth";
import { FORMULA_ANSWER, insertNeedsDataset, SCRIPT_ANSWER } from "../support/needs-dataset";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let cookie: string;

/** The server's "now" for the release: 23:59 on 20 March in Lima, after the last submission. */
const RELEASED_AT = "2026-03-21T04:59:00.000Z";

beforeAll(async () => {
  const clock = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-clock-")), "now");
  fs.writeFileSync(clock, RELEASED_AT);
  server = await startServer({ env: { SONDEO_CLOCK_FILE: clock } });
  const db = await openDb(server.db);
  await insertNeedsDataset(db);
  await closeDb(db);
  await createAnalyst(server.db);
  cookie = await loginCookie(server.url);
});

afterAll(async () => {
  await server?.stop();
});

type Topic = {
  topic: string;
  n: number;
  meanImportance: number;
  meanCompetence: number;
  meanDiscrepancy: number;
  mwds: number;
  rank: number;
  quadrant: string;
};
type Group = { group: string; suppressed: string | null; n?: number; topics?: Topic[] };
type Release = { asOf: { release: number; releasedAt: string } | null; covers: Record<string, unknown> | null; pending: number };
type Report = {
  survey: string;
  k: number;
  by: string;
  release: Release;
  n: number | null;
  suppressed: string | null;
  total: { n: number; topics: Topic[] } | null;
  groups: Group[];
};

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

  it("returns the hand-computed national figures of the release; the partial response counts nowhere", async () => {
    const { status, body } = await needs();
    expect(status).toBe(200);
    // pnp 7 and migraciones 5 are released; poder_judicial's 2 wait (in no figure, not even the total).
    expect(body).toMatchObject({ survey: "dnc-tim", k: 5, by: "institucion", n: 12, suppressed: null });
    expect(body.release).toEqual({
      asOf: { release: 1, releasedAt: RELEASED_AT },
      covers: { fromRelease: 1, toRelease: 1, firstSubmittedAt: "2026-03-02T15:00:00.000Z", lastSubmittedAt: "2026-03-10T14:00:00.000Z" },
      pending: 2,
    });
    // T05: pnp (n 5, ΣI 21, ΣC 15) + migraciones (5, 20, 10) → n 10, ΣI 41, ΣC 25:
    // Ī 4.1, C̄ 2.5, D̄ 1.6, MWDS 1.6 × 4.1 = 6.56.
    const t05 = topic(body.total?.topics, "T05");
    expect(t05).toMatchObject({ topic: "T05", n: 10, rank: 2, quadrant: "prioridad_alta" });
    expect(t05?.meanImportance).toBeCloseTo(4.1, 12);
    expect(t05?.meanCompetence).toBeCloseTo(2.5, 12);
    expect(t05?.meanDiscrepancy).toBeCloseTo(1.6, 12);
    expect(t05?.mwds).toBeCloseTo(6.56, 12);
    // T01: pnp 7 × (5, 1) + migraciones 5 × (3, 3) → n 12, ΣI 50, ΣC 22 → Ī 25/6, C̄ 11/6,
    // D̄ 7/3, MWDS 7/3 × 25/6 = 175/18.
    const t01 = topic(body.total?.topics, "T01");
    expect(t01).toMatchObject({ n: 12, rank: 1, quadrant: "prioridad_alta" });
    expect(t01?.meanImportance).toBeCloseTo(25 / 6, 12);
    expect(t01?.meanCompetence).toBeCloseTo(11 / 6, 12);
    expect(t01?.meanDiscrepancy).toBeCloseTo(7 / 3, 12);
    expect(t01?.mwds).toBeCloseTo(175 / 18, 12);
    // Everything else is (3, 3): MWDS 0, ranked in topic-code order, low priority.
    expect(topic(body.total?.topics, "T02")).toMatchObject({ n: 12, mwds: 0, rank: 3, quadrant: "baja_prioridad" });
    expect(topic(body.total?.topics, "T18")).toMatchObject({ mwds: 0, rank: 18 });
  });

  it("shows pnp (the worked example: 7 responses, T05 n = 5) and migraciones; poder_judicial (2 < k) waits", async () => {
    const { body } = await needs();
    expect(body.groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["migraciones", null],
      ["pnp", null],
    ]);
    expect(body.release.pending).toBe(2);
    const [migraciones, pnp] = body.groups;
    expect(migraciones?.n).toBe(5);
    expect(topic(migraciones?.topics, "T05")).toMatchObject({ n: 5, meanImportance: 4, meanCompetence: 2, meanDiscrepancy: 2, mwds: 8, rank: 1 });
    expect(pnp?.n).toBe(7);
    expect(topic(pnp?.topics, "T05")).toMatchObject({ n: 5, meanImportance: 4.2, meanCompetence: 3, meanDiscrepancy: 1.2, mwds: 5.04, rank: 2 });
    expect(topic(pnp?.topics, "T01")).toMatchObject({ n: 7, mwds: 20, rank: 1 });
  });

  it("a selection no release holds, or one that would single out fewer than k by difference, shows nothing", async () => {
    // poder_judicial's responses wait: not released.
    const waiting = await needs("?institucion=poder_judicial");
    expect(waiting.body).toMatchObject({
      n: null,
      suppressed: "not_released",
      total: null,
      groups: [],
      release: { asOf: null, covers: null, pending: 2 },
    });
    // region=PE-TUM holds 8 (pnp 3, migraciones 5), but with pnp's figures it would reveal pnp's
    // other 4 (PE-TAC): not released. Under by=region, PE-TUM is "unreleased" and PE-TAC (4) below k.
    const tumbes = await needs("?region=PE-TUM");
    expect(tumbes.body).toMatchObject({ n: null, suppressed: "not_released", total: null, groups: [] });
    const byRegion = await needs("?by=region");
    expect(byRegion.body.n).toBe(12);
    expect(byRegion.body.groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["PE-TAC", "primary"],
      ["PE-TUM", "unreleased"],
    ]);
    const pnp = await needs("?institucion=pnp");
    expect(pnp.body.n).toBe(7);
    expect(topic(pnp.body.total?.topics, "T05")?.mwds).toBe(5.04);
    const migraciones = await needs("?institucion=migraciones");
    expect(migraciones.body.n).toBe(5);
    // A date range without releases: fewer than k.
    const before = await needs("?institucion=pnp&to=2026-03-19");
    expect(before.body).toMatchObject({
      n: null,
      suppressed: "filter_below_k",
      total: null,
      groups: [],
      release: { asOf: { release: 1 }, covers: null },
    });
  });

  it("filters dates as Peru days of the release (not of the submissions), by unit code and by region, with other breakdowns", async () => {
    // The release was made at 23:59 on 20 March in Lima (04:59 UTC on the 21st).
    expect((await needs("?to=2026-03-20")).body.n).toBe(12);
    expect((await needs("?from=2026-03-20&to=2026-03-20")).body.n).toBe(12);
    expect((await needs("?from=2026-03-21")).body).toMatchObject({ suppressed: "filter_below_k", n: null });
    // The seven pnp responses were sent on 2–5 March, but released on the 20th.
    expect((await needs("?from=2026-03-01&to=2026-03-05")).body).toMatchObject({ suppressed: "filter_below_k", n: null });
    const unit = await needs("?unit=cr-tum&by=region");
    expect(unit.body.n).toBe(7);
    // PE-TUM 3 and PE-TAC 4 are both below k.
    expect(unit.body.groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["PE-TAC", "primary"],
      ["PE-TUM", "primary"],
    ]);
    // Each cargo_categoria here is a whole institution: shown; fiscal_juez (poder_judicial) waits.
    const byRole = await needs("?by=cargo_categoria");
    expect(byRole.body.groups.map((g) => [g.group, g.suppressed, g.n])).toEqual([
      ["inspector_migratorio", null, 5],
      ["policia_investigador", null, 7],
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

  it("lists nothing for a selection whose responses wait for a release, and says how many wait", async () => {
    const html = await page("?question=otras_necesidades&institucion=poder_judicial");
    expect(html).toContain('data-suppressed="not_released"');
    expect(html).toContain("2 respuestas completas esperan su publicación");
    expect(html).not.toContain("Texto de un grupo pequeño");
    // Nor anywhere else: the waiting responses are in no release.
    expect(await page("?question=otras_necesidades")).not.toContain("Texto de un grupo pequeño");
  });

  it("lists nothing for a selection below k (a date range without releases)", async () => {
    const html = await page("?question=otras_necesidades&institucion=pnp&to=2026-03-19");
    expect(html).toContain('data-suppressed="filter_below_k"');
    expect(html).not.toContain("Necesito &lt;b&gt;más&lt;/b&gt; práctica");
  });

  it("sends signed-out visitors to the sign-in page", async () => {
    const res = await fetch(`${server.url}/admin/surveys/dnc-tim/needs?institucion=pnp`, { redirect: "manual" });
    expect([303, 307, 308]).toContain(res.status);
    expect(res.headers.get("location")).toContain("/admin/login?next=");
  });
});
