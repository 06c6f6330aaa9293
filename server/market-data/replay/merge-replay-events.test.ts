import { describe, expect, it } from "vitest";
import { ReplayEventMerge } from "./merge-replay-events";
import type { ReplayEvent } from "./replay-event";

const trade = (recMs: number, id: string): ReplayEvent => ({ kind: "trade", recMs, venue: "binance", symbol: "BTC-USD", price: 1, qty: 1, aggressor: "buy", id });

describe("ReplayEventMerge", () => {
  it("merges by recorded time, ties to the earlier file, and rewinds", () => {
    const m = new ReplayEventMerge([[trade(1, "a1"), trade(5, "a5")], [], [trade(1, "c1"), trade(3, "c3"), trade(9, "c9")]]);
    expect([m.total, m.firstRecMs, m.lastRecMs]).toEqual([5, 1, 9]);
    const ids: string[] = [];
    for (let e = m.next(); e; e = m.next()) ids.push((e as { id: string }).id);
    expect(ids).toEqual(["a1", "c1", "c3", "a5", "c9"]);
    expect(m.peek()).toBeUndefined();
    expect(m.position).toBe(5);
    m.rewind();
    expect(m.position).toBe(0);
    expect(m.peek()).toMatchObject({ id: "a1" });
  });
});
