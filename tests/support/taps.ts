// Counts what a person does on the fill page: every tap (a pointerdown anywhere in any page of the
// context, as a finger or a mouse makes it) and every key press, across reloads and navigations.
// Counted in the browser, not by the helpers, so no helper can forget to count a tap.
import type { BrowserContext } from "playwright-core";

export interface Effort {
  taps: number;
  keys: number;
}

export interface EffortCounter {
  /** What was counted since the counter was attached. */
  read: () => Effort;
}

export async function countEffort(context: BrowserContext): Promise<EffortCounter> {
  const effort: Effort = { taps: 0, keys: 0 };
  await context.exposeBinding("__sondeoEffort", (_source, kind: keyof Effort) => {
    effort[kind] += 1;
  });
  await context.addInitScript(() => {
    const report = (window as unknown as { __sondeoEffort: (kind: "taps" | "keys") => void }).__sondeoEffort;
    // Capture phase on window: counted before any handler can stop the event.
    window.addEventListener("pointerdown", (e) => e.isPrimary && void report("taps"), true);
    window.addEventListener("keydown", (e) => !e.repeat && void report("keys"), true);
  });
  return {
    read: () => ({ ...effort }),
  };
}
