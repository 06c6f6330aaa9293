import { describe, expect, it } from "vitest";
import { deriveLogFacts } from "./derive-log-facts";

const ev = (seq: number, kind: string, atMs: number, payload: Record<string, unknown> = {}) => ({ seq, kind, payload, atMs });

describe("deriveLogFacts", () => {
  it("adds up the time an order spent paused (the runner's on_timeout clock stands still meanwhile) and keeps an open pause's start", () => {
    const f = deriveLogFacts([
      ev(0, "accepted", 0, { qtyE8: "100000000" }),
      ev(1, "started", 10),
      ev(2, "paused", 1_000, { byKeyId: "k" }),
      ev(3, "resumed", 3_500),
      ev(4, "paused", 5_000),
    ]);
    expect(f.pausedMs).toBe(2_500);
    expect(f.pausedSinceMs).toBe(5_000);
    // The last pause was the system's (no key): not a client pause.
    expect(f.clientPaused).toBe(false);
  });
});
