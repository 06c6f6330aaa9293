import { describe, expect, it } from "vitest";
import { HORIZON_MS_BY_URGENCY, MAX_STEPS_PER_PATH, stepMsForHorizon } from "./horizons";

describe("urgency horizons", () => {
  it("gives each urgency its horizon, most patient longest", () => {
    expect(HORIZON_MS_BY_URGENCY).toEqual({ low: 300_000, medium: 60_000, high: 10_000 });
  });

  it("steps at the live simulator's 100 ms when it fits, coarser for long horizons, never over the step budget", () => {
    expect(stepMsForHorizon(10_000)).toBe(100);
    expect(stepMsForHorizon(60_000)).toBe(150);
    expect(stepMsForHorizon(300_000)).toBe(750);
    for (const h of Object.values(HORIZON_MS_BY_URGENCY)) expect(Math.ceil(h / stepMsForHorizon(h))).toBeLessThanOrEqual(MAX_STEPS_PER_PATH);
    expect(stepMsForHorizon(3_600_000)).toBe(1000);
  });
});
