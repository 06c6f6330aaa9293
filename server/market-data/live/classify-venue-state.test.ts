import { describe, expect, it } from "vitest";
import { classifyVenueState, isServable, type VenueStateInput } from "./classify-venue-state";

const base: VenueStateInput = {
  phase: "streaming",
  lastMessageMs: 1_000,
  nowMs: 1_000,
  staleAfterMs: 500,
  reconnectingSinceMs: undefined,
  downAfterMs: 10_000,
};

describe("classifyVenueState", () => {
  it("streaming is live until the silence exceeds the threshold, then stale", () => {
    expect(classifyVenueState({ ...base, nowMs: 1_500 })).toBe("live");
    expect(classifyVenueState({ ...base, nowMs: 1_501 })).toBe("stale");
    expect(classifyVenueState({ ...base, lastMessageMs: undefined })).toBe("stale");
  });

  it("reconnecting turns down only after downAfterMs of reconnecting", () => {
    const r = { ...base, phase: "reconnecting" as const, reconnectingSinceMs: 2_000 };
    expect(classifyVenueState({ ...r, nowMs: 12_000 })).toBe("reconnecting");
    expect(classifyVenueState({ ...r, nowMs: 12_001 })).toBe("down");
  });

  it("idle and connecting pass through regardless of time", () => {
    expect(classifyVenueState({ ...base, phase: "idle", nowMs: 1e9 })).toBe("idle");
    expect(classifyVenueState({ ...base, phase: "connecting", nowMs: 1e9 })).toBe("connecting");
  });
});

describe("isServable", () => {
  it("withholds a book awaiting resync however fresh, and any book past the limit", () => {
    expect(isServable(0, true, 60_000)).toBe(false);
    expect(isServable(59_999, false, 60_000)).toBe(true);
    expect(isServable(60_001, false, 60_000)).toBe(false);
  });
});
