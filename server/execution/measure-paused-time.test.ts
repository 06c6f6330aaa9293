import { describe, expect, it } from "vitest";
import { pausedMs } from "./measure-paused-time";

describe("pausedMs", () => {
  it("sums closed pauses and counts an open one up to now", () => {
    const events = [
      { kind: "accepted", atMs: 0, qtyE8: 100n },
      { kind: "started", atMs: 0 },
      { kind: "paused", atMs: 1_000, byKeyId: "k" },
      { kind: "resumed", atMs: 4_000, byKeyId: "k" },
      { kind: "paused", atMs: 6_000, byKeyId: null },
    ] as const;
    expect(pausedMs(events.slice(0, 2), 10_000)).toBe(0);
    expect(pausedMs(events.slice(0, 4), 10_000)).toBe(3_000);
    expect(pausedMs(events, 10_000)).toBe(3_000 + 4_000);
  });
});
