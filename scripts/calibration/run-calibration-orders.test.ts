import { describe, expect, it } from "vitest";
import { runCalibrationOrders } from "./run-calibration-orders";

describe("runCalibrationOrders", () => {
  it("runs sandbox orders end to end and returns stored forecasts with realized costs", async () => {
    const rows = await runCalibrationOrders({ orders: 24, seed: 5, symbols: ["BTC-USD", "ETH-USD"], maxOrderMs: 30_000 });
    expect(rows).toHaveLength(24);
    const completed = rows.filter((r) => r.status === "COMPLETED");
    expect(completed.length).toBeGreaterThan(12);
    for (const r of completed) {
      expect(Number.isFinite(r.realizedBps)).toBe(true);
      expect(r.rawP90Bps!).toBeGreaterThanOrEqual(r.rawP50Bps!);
    }
    expect(new Set(rows.map((r) => r.policy)).size).toBeGreaterThan(2);
  }, 120_000);
});
