// The fill page's controller without a browser: an in-memory device storage and a scripted server
// stand in for localStorage and fetch (FillDeps), so what a respondent relies on — answers kept on
// the device at once, a reload showing them again, a submission that counts only once the server
// acknowledged it, retried with the same id — is checked on the controller itself.
import { describe, expect, it } from "vitest";
import { FillController, type FillEnvironment } from "@/app/s/_fill/fill-controller";
import type { FillTransport, PutResponseBody } from "@/app/s/_fill/response-api";
import type { FillOptions } from "@/app/s/_fill/fill-state";
import { readDraft, type DraftStorage } from "@/lib/fill/local-draft";
import type { TransportResult } from "@/lib/fill/save-queue";

const DEFINITION = {
  pages: [
    { name: "p1", elements: [{ type: "text", name: "cargo", title: "Cargo" }] },
    { name: "p2", elements: [{ type: "comment", name: "comentario", title: "Comentario" }] },
  ],
};

class MemoryStorage implements DraftStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** A server that answers each PUT with the next scripted reply (a thrown error is a network failure). */
class ScriptedServer implements FillTransport {
  readonly puts: { id: string; body: PutResponseBody }[] = [];
  private readonly replies: (() => Promise<TransportResult>)[] = [];
  getReply: TransportResult = { status: 404, body: { error: "response_not_found" } };

  reply(...replies: (() => Promise<TransportResult>)[]): void {
    this.replies.push(...replies);
  }
  put(id: string, body: PutResponseBody): Promise<TransportResult> {
    this.puts.push({ id, body: structuredClone(body) });
    const next = this.replies.shift();
    return next ? next() : Promise.resolve(saved());
  }
  get(): Promise<TransportResult> {
    return Promise.resolve(this.getReply);
  }
  resume(): Promise<TransportResult> {
    return Promise.resolve({ status: 404, body: { error: "resume_code_not_found" } });
  }
}

const saved = (): TransportResult => ({ status: 200, body: { status: "partial", resumeCode: "ABCD-EFGH-JKMN", version: "v1" } });
const submitted = (): TransportResult => ({ status: 200, body: { status: "complete", resumeCode: "ABCD-EFGH-JKMN", version: "v1" } });
const offline = (): Promise<TransportResult> => Promise.reject(new TypeError("Failed to fetch"));

const online: FillEnvironment = { isOnline: () => true, listen: () => () => {} };

function options(overrides: Partial<FillOptions> = {}): FillOptions & { done: number } {
  const o = {
    definition: DEFINITION,
    slug: "encuesta",
    version: "v1",
    unit: "UNIT123",
    resumeCode: null,
    locale: "es" as const,
    offlineCopy: false,
    texts: { es: { submit: "Enviar", issueFallback: "Revise" }, en: { submit: "Submit", issueFallback: "Check" } },
    done: 0,
    onDone: () => {
      o.done += 1;
    },
    onResumed: () => {},
    ...overrides,
  };
  return o;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("FillController", () => {
  it("keeps an answer on the device at once, before the server has answered", async () => {
    const storage = new MemoryStorage();
    const server = new ScriptedServer();
    server.reply(offline);
    const c = new FillController(options(), { storage, transport: server, environment: online, retryDelayMs: 60_000 });
    await c.start();
    c.model.setValue("cargo", "Inspectora – Tumbes");
    expect(readDraft(storage, "encuesta", "UNIT123")?.data).toEqual({ cargo: "Inspectora – Tumbes" });
    c.model.nextPage(); // a page change saves at once
    await settle();
    expect(server.puts).toHaveLength(1);
    expect(c.getState().saveStatus).toBe("offline");
    c.dispose();
  });

  it("shows the device's answers again after a reload and sends what never reached the server", async () => {
    const storage = new MemoryStorage();
    const first = new FillController(options(), { storage, transport: new ScriptedServer(), environment: online, retryDelayMs: 60_000 });
    await first.start();
    first.model.setValue("cargo", "Jefe de área");
    const id = readDraft(storage, "encuesta", "UNIT123")?.id;
    first.dispose();

    const server = new ScriptedServer(); // GET answers 404: the server never got it
    const again = new FillController(options(), { storage, transport: server, environment: online });
    await again.start();
    await settle();
    expect(again.model.data).toEqual({ cargo: "Jefe de área" });
    expect(server.puts.map((p) => [p.id, p.body.data, p.body.complete])).toEqual([[id, { cargo: "Jefe de área" }, false]]);
    expect(again.getState()).toMatchObject({ saveStatus: "saved", resumeCode: "ABCD-EFGH-JKMN" });
    again.dispose();
  });

  it("submits only when the server acknowledges it, retrying with the same response id", async () => {
    const storage = new MemoryStorage();
    const server = new ScriptedServer();
    const o = options();
    const c = new FillController(o, { storage, transport: server, environment: online, retryDelayMs: 10 });
    await c.start();
    c.model.setValue("cargo", "Fiscal");
    c.model.nextPage();
    await settle();
    c.model.setValue("comentario", "Más casos de trata");

    let acknowledge: (r: TransportResult) => void = () => {};
    server.reply(offline, () => new Promise((resolve) => (acknowledge = resolve)));
    c.model.tryComplete();
    await settle();
    expect(c.getState().phase.kind).toBe("submitting");
    expect(o.done).toBe(0);
    expect(readDraft(storage, "encuesta", "UNIT123")).toBeDefined();

    acknowledge(submitted());
    await settle();
    expect(o.done).toBe(1);
    expect(c.getState().phase.kind).toBe("done");
    expect(readDraft(storage, "encuesta", "UNIT123")).toBeUndefined();
    const completes = server.puts.filter((p) => p.body.complete);
    expect(completes).toHaveLength(2); // the failed attempt and its retry
    expect(new Set(server.puts.map((p) => p.id)).size).toBe(1);
    expect(completes[1]?.body.data).toEqual({ cargo: "Fiscal", comentario: "Más casos de trata" });
    c.dispose();
  });

  it("shows the server's refusal of an answer and stays on the form", async () => {
    const server = new ScriptedServer();
    const o = options();
    const c = new FillController(o, { storage: new MemoryStorage(), transport: server, environment: online });
    await c.start();
    c.model.setValue("cargo", "x");
    server.reply(() =>
      Promise.resolve({
        status: 422,
        body: { error: "invalid_answers", issues: [{ key: "cargo", reason: "too_long", message: "at most 1 characters" }] },
      }),
    );
    c.model.tryComplete();
    await settle();
    expect(c.getState().phase.kind).toBe("filling");
    expect(c.getState().issues.map((i) => i.question)).toEqual(["cargo"]);
    expect(o.done).toBe(0);
    c.dispose();
  });
});
