import { describe, expect, it } from "vitest";
import { clearDraft, draftKey, readDraft, reconcileDraft, writeDraft, type DraftStorage, type LocalDraft } from "@/lib/fill/local-draft";

function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const draft = (over: Partial<LocalDraft> = {}): LocalDraft => ({
  v: 1,
  id: "0b6f1c3e-8d2a-4f6b-9c1d-2e3f4a5b6c7d",
  survey: "dnc-tim",
  unit: "abc123def456",
  data: { cargo: "Jefe de área – Tumbes, señalización ¿sí?" },
  page: 2,
  locale: "es",
  resumeCode: null,
  dirty: true,
  changedAt: "2026-03-01T10:00:00.000Z",
  ...over,
});

describe("local drafts", () => {
  it("are kept per survey and unit link, and read back exactly", () => {
    const s = memoryStorage();
    writeDraft(s, draft());
    writeDraft(s, draft({ unit: null, page: 1 }));
    expect(readDraft(s, "dnc-tim", "abc123def456")).toEqual(draft());
    expect(readDraft(s, "dnc-tim", null)?.page).toBe(1);
    expect(readDraft(s, "other", "abc123def456")).toBeUndefined();
    clearDraft(s, "dnc-tim", "abc123def456");
    expect(s.map.has(draftKey("dnc-tim", "abc123def456"))).toBe(false);
  });

  it("treat corrupt or foreign entries, and a refusing device, as no draft", () => {
    const s = memoryStorage();
    s.setItem(draftKey("dnc-tim", null), "{not json");
    expect(readDraft(s, "dnc-tim", null)).toBeUndefined();
    s.setItem(draftKey("dnc-tim", null), JSON.stringify({ v: 1, survey: "dnc-tim", id: 5, data: {} }));
    expect(readDraft(s, "dnc-tim", null)).toBeUndefined();
    const refusing: DraftStorage = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => undefined,
    };
    expect(readDraft(refusing, "dnc-tim", null)).toBeUndefined();
    expect(writeDraft(refusing, draft())).toBe(false);
    expect(writeDraft(null, draft())).toBe(false);
  });
});

describe("reconcileDraft", () => {
  const server = (over: Record<string, unknown> = {}) => ({
    status: "partial" as const,
    updatedAt: "2026-03-01T09:00:00.000Z",
    currentPage: 3,
    data: { cargo: "otro dispositivo" },
    ...over,
  });

  it("follows the server when the device has nothing unsent", () => {
    expect(reconcileDraft(draft({ dirty: false }), server())).toBe("use_server");
  });

  it("keeps unsent local changes unless the server copy is newer", () => {
    expect(reconcileDraft(draft(), server())).toBe("keep_local");
    expect(reconcileDraft(draft(), server({ updatedAt: "2026-03-01T11:00:00.000Z" }))).toBe("use_server");
  });

  it("recognises a submitted response and an unknown one", () => {
    expect(reconcileDraft(draft(), server({ status: "complete", data: undefined }))).toBe("submitted");
    expect(reconcileDraft(draft(), undefined)).toBe("keep_local");
  });
});
