import { describe, expect, it } from "vitest";
import { packedFirstBeyond, packLevels } from "./packed-levels";

describe("packLevels", () => {
  it("packs usable levels as price, qty pairs and memoises by identity", () => {
    const levels = [
      { price: 100.1, qty: 1 },
      { price: 100.2, qty: 0 },
      { price: 100.3, qty: Number.NaN },
      { price: 100.4, qty: 2 },
    ];
    const p = packLevels(levels);
    expect([...p]).toEqual([100.1, 1, 100.4, 2]);
    expect(packLevels(levels)).toBe(p);
    expect(packLevels([...levels])).not.toBe(p);
  });

  it("finds where a truncated head continues in a deeper book", () => {
    const deep = packLevels([100.1, 100.2, 100.3, 100.4].map((price) => ({ price, qty: 1 })));
    expect(packedFirstBeyond(deep, packLevels([{ price: 100.2, qty: 5 }]), true)).toBe(2);
    expect(packedFirstBeyond(deep, packLevels([{ price: 100.25, qty: 5 }]), true)).toBe(2);
    expect(packedFirstBeyond(deep, packLevels([{ price: 100.4, qty: 5 }]), true)).toBe(4);
    const bids = packLevels([99.9, 99.8, 99.7].map((price) => ({ price, qty: 1 })));
    expect(packedFirstBeyond(bids, packLevels([{ price: 99.8, qty: 5 }]), false)).toBe(2);
    expect(packedFirstBeyond(bids, packLevels([]), false)).toBe(0);
  });
});
