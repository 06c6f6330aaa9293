import { describe, expect, it } from "vitest";
import { assignFillsToDecisions } from "./assign-fills";
import { decision, leg, parts } from "./testing/make-decision";
import type { TcaFill } from "./types";

const d0 = decision({ id: "d0", atMs: 1_000, qty: 1, mid: 100, candidates: [], legs: [leg("binance", 1, 100, parts(1, 1))] });
const d1 = decision({ id: "d1", atMs: 2_000, sequence: 1, qty: 1, mid: 100, candidates: [], legs: [leg("kraken", 1, 100, parts(1, 1))] });
const f = (venue: "binance" | "kraken" | "okx", atMs: number, decisionId?: string): TcaFill => ({ venue, atMs, qty: 1, price: 100, fee: 0, liquidity: "taker", ...(decisionId ? { decisionId } : {}) });

describe("assignFillsToDecisions", () => {
  it("uses the fill's decision id, else the latest earlier decision with a leg on its venue", () => {
    const byId = f("okx", 500, "d1");
    const late = f("binance", 2_500);
    const kr = f("kraken", 2_100);
    const early = f("binance", 900);
    const { byDecision, unassigned } = assignFillsToDecisions([d1, d0], [byId, late, kr, early]);
    expect(byDecision.get("d0")).toEqual([late]);
    expect(byDecision.get("d1")).toEqual([byId, kr]);
    expect(unassigned).toEqual([early]);
  });
});
