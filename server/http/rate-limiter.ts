import type { Clock } from "@/server/shared/clock";

/**
 * Token bucket per key (a desk): refills at `qps` tokens a second up to a burst of 2 × qps.
 * In memory, per process: the limit protects this instance, which is what a desk hits.
 */
export interface RateLimiter {
  take(key: string, qps: number): { ok: true } | { ok: false; retryAfterS: number };
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export function createTokenBucketLimiter(clock: Clock): RateLimiter {
  const buckets = new Map<string, Bucket>();
  return {
    take(key, qps) {
      const burst = Math.max(1, 2 * qps); // at least one call, even for qps < 0.5
      const now = clock.nowMs();
      const bucket = buckets.get(key) ?? { tokens: burst, updatedMs: now };
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedMs) / 1000) * qps);
      bucket.updatedMs = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / qps)) };
    },
  };
}
