// The release note on the needs dashboard in real Chromium (docs/confidentiality.md): a coordinator
// reads, in Spanish and in English, when the figures were published, how many completed responses
// await publication and why figures change only in releases; a group held back says why; and with a
// date filter the note says which releases the dates select (releases, not submission days).
//
// Two releases a week apart, the server's clock moved through SONDEO_CLOCK_FILE (k = 5):
//   release 1 (published 04/05/2026): pnp 8 in Tumbes + 2 in Tacna, migraciones 6 in Lima;
//     ministerio_publico 2 wait (fewer than k).
//   release 2 (published 11/05/2026): pnp 3 in Tumbes + 2 in Lima, ministerio_publico 3 more (with
//     the 2 waiting: 5, submitted from 02/05); poder_judicial 1 waits.
// By region: Tacna (2) is below k, Tumbes never gets figures (inside pnp's 10 it would split off
// Tacna's 2), and Lima, published in release 1, is not updated by release 2 (its 2 new pnp would be
// told apart from the other 3).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, openDb } from "@/db/client";
import { saveResponse } from "@/db/queries/save-response";
import { getSurvey } from "@/surveys/registry";
import { seriousA11yViolations } from "../support/admin-browser";
import { createAnalyst } from "../support/needs-auth";
import { ARTIFACTS, launchChromium, openWatched, signedInContext } from "../support/needs-browser";
import { completeAnswers } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";

const DASHBOARD = "/admin/surveys/dnc-tim/needs";
const RELEASE_1 = "2026-05-04T15:00:00.000Z";
const RELEASE_2 = "2026-05-11T15:00:00.000Z";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let clockFile: string;
let serial = 0;

type ApiReport = {
  n: number | null;
  groups: { group: string | null; n: number | null; suppressed: string | null }[];
  release: { asOf: { release: number } | null; covers: { fromRelease: number; toRelease: number } | null; pending: number };
};

const PROFILES: Record<string, Record<string, unknown>> = {
  pnp: { institucion: "pnp", dependencia: "dirctptim", cargo_categoria: "policia_investigador" },
  migraciones: { institucion: "migraciones", dependencia: "control_migratorio", cargo_categoria: "inspector_migratorio" },
  ministerio_publico: { institucion: "ministerio_publico", dependencia: "fistrap", cargo_categoria: "fiscal_juez" },
  poder_judicial: { institucion: "poder_judicial", dependencia: "juzgado_ip", cargo_categoria: "fiscal_juez" },
};

/** Completed (real) responses of one institution and region, submitted on `day` (Peru noon). */
async function submit(institution: string, region: string, count: number, day: string): Promise<void> {
  const survey = await getSurvey("dnc-tim");
  if (!survey) throw new Error("no survey");
  const db = await openDb(server.db);
  try {
    for (let i = 0; i < count; i++) {
      const id = `7e1ea5e0-0000-4000-a000-${String(++serial).padStart(12, "0")}`;
      const data = completeAnswers({ ...PROFILES[institution], region });
      await saveResponse(db, { id, survey, unitId: null, locale: "es", data, complete: true, at: `${day}T17:00:00.000Z` });
    }
  } finally {
    await closeDb(db);
  }
}

async function api(query = ""): Promise<ApiReport> {
  const res = await context.request.get(`/api/surveys/dnc-tim/needs${query}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as ApiReport;
}

const reasons = (r: ApiReport) => Object.fromEntries(r.groups.map((g) => [g.group, g.suppressed]));
const note = (page: Page) => page.getByTestId("needs-release").innerText();
const heldBack = (page: Page) => page.locator(".ranking-table .suppressed-cell").allTextContents();

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-clock-"));
  clockFile = path.join(dir, "now");
  fs.writeFileSync(clockFile, RELEASE_1);
  server = await startServer({ env: { SONDEO_CLOCK_FILE: clockFile } });
  await submit("pnp", "PE-TUM", 8, "2026-05-01");
  await submit("pnp", "PE-TAC", 2, "2026-05-02");
  await submit("migraciones", "PE-LIM", 6, "2026-05-02");
  await submit("ministerio_publico", "PE-TUM", 2, "2026-05-02");
  await createAnalyst(server.db);
  browser = await launchChromium();
  context = await signedInContext(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (clockFile) fs.rmSync(path.dirname(clockFile), { recursive: true, force: true });
});

describe("release note on the needs dashboard", () => {
  it("after the first release: when, how many wait, why; groups held back say why", async () => {
    const page = await openWatched(context, DASHBOARD);
    const text = await note(page);
    expect(text).toMatch(/^Cifras publicadas al 0?4\/05\/(20)?26,? 10:00:00\D* \(publicación 1\)\. /);
    expect(text).toContain("2 respuestas completas esperan su publicación");
    expect(text).toContain("un grupo cambia solo cuando ha reunido al menos 5 respuestas nuevas");
    expect(await page.getByTestId("needs-pending").getAttribute("data-pending")).toBe("2");
    // The two waiting responses are in no figure, not even the total; their institution is not listed.
    await expect(page.getByTestId("needs-n").textContent()).resolves.toContain("16 respuestas completas");
    expect((await api()).groups.map((g) => g.group)).toEqual(expect.not.arrayContaining(["ministerio_publico"]));
    expect(await page.getByTestId("needs-release-covers").count()).toBe(0);
    await page.getByTestId("needs-release").screenshot({ path: path.join(ARTIFACTS, "needs-release-note.png") });

    const byRegion = await openWatched(context, `${DASHBOARD}?by=region`);
    expect(reasons(await api("?by=region"))).toEqual({ "PE-LIM": null, "PE-TAC": "primary", "PE-TUM": "unreleased" });
    // Tacna (2) is below k; Tumbes (8) has enough answers but would single out Tacna's 2 within pnp.
    expect((await heldBack(byRegion)).sort()).toEqual([
      "menos de 5 respuestas",
      "sin cifras publicadas: mostrarlas permitiría, combinándolas con otras, deducir datos de menos de 5 personas",
    ]);
    const hatched = await byRegion.locator(".heatmap tbody .heat-suppressed").allTextContents();
    expect(hatched).toHaveLength(18 * 2);
    expect(new Set(hatched)).toEqual(new Set(["< 5", "sin cifras"]));
    expect(byRegion.errors).toEqual([]);
    expect(page.errors).toEqual([]);
  });

  it("a week later, a second release: a group not updated, and dates select whole releases", async () => {
    fs.writeFileSync(clockFile, RELEASE_2);
    await submit("pnp", "PE-TUM", 3, "2026-05-08");
    await submit("pnp", "PE-LIM", 2, "2026-05-09");
    await submit("ministerio_publico", "PE-TUM", 3, "2026-05-10");
    await submit("poder_judicial", "PE-TUM", 1, "2026-05-10");

    const page = await openWatched(context, `${DASHBOARD}?by=region`);
    const text = await note(page);
    expect(text).toMatch(/^Cifras publicadas al 11\/05\/(20)?26,? 10:00:00\D* \(publicación 2\)\. /);
    expect(text).toContain("1 respuesta completa espera su publicación");
    await expect(page.getByTestId("needs-n").textContent()).resolves.toContain("26 respuestas completas");
    expect(reasons(await api("?by=region"))).toEqual({ "PE-LIM": "not_updated", "PE-TAC": "primary", "PE-TUM": "unreleased" });
    const notes = await heldBack(page);
    expect(notes).toContain("no actualizado: espera a reunir al menos 5 respuestas nuevas");
    expect(notes).toContain("menos de 5 respuestas");
    expect(notes.filter((n) => n.startsWith("sin cifras publicadas"))).toHaveLength(1);
    expect(page.errors).toEqual([]);

    // Up to 10/05 (Peru): release 1 only, where Lima has its figures.
    const before = await openWatched(context, `${DASHBOARD}?by=region&to=2026-05-10`);
    await expect(before.getByTestId("needs-release-covers").textContent()).resolves.toMatch(
      /^Las fechas seleccionan publicaciones enteras: publicaciones 1–1, con respuestas enviadas del 0?1\/05\/(20)?26 al 0?2\/05\/(20)?26\.$/,
    );
    await expect(before.getByTestId("needs-n").textContent()).resolves.toContain("16 respuestas completas");
    expect(reasons(await api("?by=region&to=2026-05-10"))["PE-LIM"]).toBeNull();
    expect(await heldBack(before)).toHaveLength(2); // Tacna and Tumbes, as before

    // From 11/05: release 2 only, which holds ministerio_publico's two answers of 02/05 too.
    const after = await openWatched(context, `${DASHBOARD}?from=2026-05-11`);
    await expect(after.getByTestId("needs-release-covers").textContent()).resolves.toMatch(
      /^Las fechas seleccionan publicaciones enteras: publicaciones 2–2, con respuestas enviadas del 0?2\/05\/(20)?26 al 10\/05\/(20)?26\.$/,
    );
    await expect(after.getByTestId("needs-n").textContent()).resolves.toContain("10 respuestas completas");
    await after.getByTestId("needs-release").screenshot({ path: path.join(ARTIFACTS, "needs-release-note-dated.png") });
    expect(await seriousA11yViolations(after)).toEqual([]);

    // Dates that fall between releases select none.
    const none = await openWatched(context, `${DASHBOARD}?from=2026-05-05&to=2026-05-10`);
    await expect(none.getByTestId("needs-release-covers").textContent()).resolves.toBe("Ninguna publicación cae en estas fechas.");
    expect([page, before, after, none].flatMap((p) => (p as Page & { errors: string[] }).errors)).toEqual([]);
  });

  it("reads the same in English", async () => {
    const en = await signedInContext(browser, server.url, undefined, "en");
    try {
      const page = await openWatched(en, `${DASHBOARD}?by=region`);
      const text = await note(page);
      expect(text).toMatch(/^Figures published on 0?5\/11\/(20)?26, 10:00:00 AM \(release 2\)\. /);
      expect(text).toContain("1 completed response awaits publication");
      expect(text).toContain("a group changes only once it has gathered at least 5 new responses");
      const notes = await heldBack(page);
      expect(notes).toContain("not updated: waits until at least 5 new responses");
      expect(notes).toContain("fewer than 5 responses");
      expect(notes.filter((n) => n.startsWith("no published figures: showing them would let someone"))).toHaveLength(1);
      expect(await page.locator(".heatmap tbody .heat-suppressed", { hasText: "no figures" }).count()).toBe(18 * 2);
      await page.getByTestId("needs-release").screenshot({ path: path.join(ARTIFACTS, "needs-release-note-en.png") });
      expect(await seriousA11yViolations(page)).toEqual([]);

      const dated = await openWatched(en, `${DASHBOARD}?from=2026-05-11`);
      await expect(dated.getByTestId("needs-release-covers").textContent()).resolves.toMatch(
        /^Dates select whole releases: releases 2–2, with responses submitted from 0?5\/0?2\/(20)?26 to 0?5\/10\/(20)?26\.$/,
      );
      expect([...page.errors, ...dated.errors]).toEqual([]);
    } finally {
      await en.close();
    }
  });

  it("says so, once, when every completed response is published", async () => {
    fs.writeFileSync(clockFile, "2026-05-18T15:00:00.000Z");
    await submit("poder_judicial", "PE-TUM", 4, "2026-05-15");
    const page = await openWatched(context, DASHBOARD);
    const text = await note(page);
    expect(text).toMatch(
      /^Cifras publicadas al 18\/05\/(20)?26,? 10:00:00\D* \(publicación 3\)\. Todas las respuestas completas están publicadas\.\n/,
    );
    expect(await page.getByTestId("needs-pending").getAttribute("data-pending")).toBe("0");
    await expect(page.getByTestId("needs-n").textContent()).resolves.toContain("31 respuestas completas");
    expect(page.errors).toEqual([]);
  });
});
