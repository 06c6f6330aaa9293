import { describe, expect, it } from "vitest";
import type { DecisionAudit } from "./decision-audit";
import { computePolicyRegret } from "./policy-regret";

const audit = (selectionErrorBps: number | undefined, routedNotional: number) => ({ selectionErrorBps, routedNotional }) as DecisionAudit;

describe("computePolicyRegret", () => {
  it("weights selection errors by notional share, hand-computed", () => {
    // 2 bps on 200 USD + 0 bps on 300 USD + (−1 bps) on 500 USD → 0.04 + 0 − 0.05 = −0.01 USD;
    // −0.01/1000·1e4 = −0.1 bps. The decision without a counterfactual is counted apart.
    const r = computePolicyRegret([audit(2, 200), audit(0, 300), audit(-1, 500), audit(undefined, 400)]);
    expect(r.regretUsd).toBeCloseTo(-0.01, 12);
    expect(r.regretBps).toBeCloseTo(-0.1, 10);
    expect(r).toMatchObject({ decisions: 4, decisionsWithCounterfactual: 3, notional: 1000 });
  });
  it("is undefined in bps with nothing to compare", () => {
    expect(computePolicyRegret([audit(undefined, 100)]).regretBps).toBeUndefined();
  });
});
