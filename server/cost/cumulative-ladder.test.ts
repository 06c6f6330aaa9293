import { describe, expect, it } from "vitest";
import { cumulativeLadder } from "./cumulative-ladder";
import { packLevels } from "./packed-levels";

describe("cumulativeLadder", () => {
  it("keeps running quantity and cost relative to the first price, usable levels only", () => {
    const levels = [
      { price: 100.1, qty: 1 },
      { price: 100.2, qty: 0 },
      { price: 100.3, qty: 2 },
      { price: 100.6, qty: 0.5 },
    ];
    const l = cumulativeLadder(levels);
    expect(l.packed).toBe(packLevels(levels));
    expect(l.levels).toBe(3);
    expect([...l.qty]).toEqual([0, 1, 3, 3.5]);
    // Σ q·(p − 100.1): 0, 0, 2·0.2, + 0.5·0.5
    expect([...l.cost].map((c) => Math.round(c * 1e9) / 1e9)).toEqual([0, 0, 0.4, 0.65]);
    expect(l.ascending).toBe(true);
    expect(l.descending).toBe(false);
  });

  it("is memoised by the levels array and says which way prices run", () => {
    const bids = [99.9, 99.8, 99.8, 99.5].map((price) => ({ price, qty: 1 }));
    expect(cumulativeLadder(bids)).toBe(cumulativeLadder(bids));
    expect(cumulativeLadder(bids)).toMatchObject({ ascending: false, descending: true });
    const unsorted = [100.1, 100.3, 100.2].map((price) => ({ price, qty: 1 }));
    expect(cumulativeLadder(unsorted)).toMatchObject({ ascending: false, descending: false });
    expect(cumulativeLadder([])).toMatchObject({ levels: 0, ascending: true, descending: true });
  });
});
