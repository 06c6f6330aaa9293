import { describe, expect, it } from "vitest";
import { createManualClock } from "@/server/shared/clock";
import { createTokenBucketLimiter } from "./rate-limiter";

describe("token bucket", () => {
  it("allows a burst of 2 × qps, then refuses with Retry-After", () => {
    const clock = createManualClock();
    const limiter = createTokenBucketLimiter(clock);
    for (let i = 0; i < 10; i++) expect(limiter.take("desk", 5).ok).toBe(true);
    const refused = limiter.take("desk", 5);
    expect(refused).toEqual({ ok: false, retryAfterS: 1 });
  });

  it("refills at qps tokens per second, capped at the burst", () => {
    const clock = createManualClock();
    const limiter = createTokenBucketLimiter(clock);
    for (let i = 0; i < 4; i++) limiter.take("desk", 2);
    expect(limiter.take("desk", 2).ok).toBe(false);
    clock.advance(500); // +1 token
    expect(limiter.take("desk", 2).ok).toBe(true);
    expect(limiter.take("desk", 2).ok).toBe(false);
    clock.advance(60_000); // long idle refills only to the burst of 4
    let allowed = 0;
    while (limiter.take("desk", 2).ok) allowed++;
    expect(allowed).toBe(4);
  });

  it("keeps desks independent", () => {
    const clock = createManualClock();
    const limiter = createTokenBucketLimiter(clock);
    limiter.take("a", 0.5);
    expect(limiter.take("a", 0.5).ok).toBe(false);
    expect(limiter.take("b", 0.5).ok).toBe(true);
  });

  it("computes Retry-After from the deficit at low qps", () => {
    const clock = createManualClock();
    const limiter = createTokenBucketLimiter(clock);
    limiter.take("a", 0.25);
    const r = limiter.take("a", 0.25);
    expect(r).toEqual({ ok: false, retryAfterS: 4 });
  });
});
