/** Polls the store until these orders have a terminal event in their logs, or time runs out. */
import type { CycleStore } from "./cycle-store";
import { deriveLogFacts } from "./derive-log-facts";

export async function waitFinal(store: CycleStore, ids: readonly string[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snap = await store.snapshot();
    if (ids.every((id) => deriveLogFacts(snap.events.get(id) ?? []).terminal)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}
