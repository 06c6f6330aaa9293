import { describe, expect, it } from "vitest";
import type { OrderEvent } from "@/server/execution/order-events";
import { collectFills } from "./collect-fills";

describe("collectFills", () => {
  it("converts E8/E9 once, drops duplicate fill ids and tags the decision", () => {
    const fill = { kind: "fill", fillId: "f1", childId: "c1", venue: "binance", qtyE8: 150_000_000n, priceE9: 61_837_630_000_000n, feeE9: -12_500_000n, liquidity: "maker", atMs: 1_300 } as const;
    const events: OrderEvent[] = [
      { kind: "accepted", qtyE8: 200_000_000n, atMs: 1_000 },
      { kind: "started", atMs: 1_001 },
      { kind: "child_sent", childId: "c1", venue: "binance", qtyE8: 200_000_000n, limitPriceE9: null, decisionId: "rd_n1_0", atMs: 1_200 },
      fill,
      { ...fill, atMs: 1_400 },
    ];
    const out = collectFills(events);
    expect(out.fills).toEqual([{ qty: 1.5, price: 61837.63, fee: -0.0125, venue: "binance", atMs: 1_300, liquidity: "maker", decisionId: "rd_n1_0" }]);
    expect(out.firstChildSentAtMs).toBe(1_200);
    expect(out.lastFillAtMs).toBe(1_300);
  });
});
