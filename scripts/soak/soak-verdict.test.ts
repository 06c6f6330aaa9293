import { describe, expect, it } from "vitest";
import { judgeSoak, percentile, type SoakMinute } from "./soak-verdict";

const minute = (m: number, rssMb: number, ackP99: number, healthP99 = 5): SoakMinute => ({ minute: m, rssMb, cpuPct: 20, ackP50: 5, ackP99, healthP50: 1, healthP99, acks: 1200, statuses: {} });

describe("judgeSoak", () => {
  it("passes steady memory and latency", () => {
    expect(judgeSoak([minute(1, 300, 40), minute(2, 320, 42), minute(3, 330, 60)]).pass).toBe(true);
  });
  it("fails RSS growth of 10% or more from minute 2, ack p99 past 2× minute 1, or a health p99 over 100 ms", () => {
    expect(judgeSoak([minute(1, 300, 40), minute(2, 300, 40), minute(3, 330, 40)]).pass).toBe(false);
    expect(judgeSoak([minute(1, 300, 40), minute(2, 300, 40), minute(3, 300, 81)]).pass).toBe(false);
    expect(judgeSoak([minute(1, 300, 40), minute(2, 300, 40, 101), minute(3, 300, 40)]).pass).toBe(false);
  });
  it("judges RSS from the end of warm-up (minute 10) when the run is longer, and reports the growth from minute 2", () => {
    const run = Array.from({ length: 30 }, (_, i) => minute(i + 1, i < 9 ? 260 + 15 * i : 400 + (i - 9), 40));
    const v = judgeSoak(run);
    expect(v.pass).toBe(true); // 400 → 420 MB after warm-up: +5 %
    expect(v.lines[0]).toMatch(/minute 10\).*5\.0%/);
    expect(v.lines.at(-1)).toMatch(/^info RSS 275\.0 MB \(minute 2/);
    run[29] = minute(30, 445, 40); // +11 % after warm-up: a leak
    expect(judgeSoak(run).pass).toBe(false);
  });
  it("counts the minutes whose ack p99 was past 2× minute 1, and names the worst", () => {
    const v = judgeSoak([minute(1, 300, 40), minute(2, 300, 90), minute(3, 300, 120), minute(4, 300, 50)]);
    expect(v.pass).toBe(true); // the last minute is within 2×…
    expect(v.lines).toContain("info ack p99 above ×2 of minute 1 in 2 of 4 minutes; worst 120.0 ms (minute 3)");
  });
  it("fails with no minute recorded", () => {
    expect(judgeSoak([]).pass).toBe(false);
  });
});

describe("percentile", () => {
  it("is nearest-rank", () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
  });
});
