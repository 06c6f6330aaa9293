import { describe, expect, it } from "vitest";
import type { BookView, Trade, VenueId } from "@/server/market-data/types";
import { createRng } from "@/server/shared/rng";
import { addVenueImpact, chooseRouterVersion, ROUTER_VERSIONS, versionPenalties, type PenaltyContext, type RouterVersion } from "./router-versions";

const NOW = 1_760_000_000_000;

describe("chooseRouterVersion (FNV-1a of the salted parent id, mod 3)", () => {
  it("is a pure function of the id; an override wins", () => {
    for (const id of ["po_1", "po_2", "0f8e7c1a-1111-4c4c-9d9d-123456789abc", ""]) {
      const v = chooseRouterVersion(id);
      expect(ROUTER_VERSIONS).toContain(v);
      expect(chooseRouterVersion(id)).toBe(v);
      expect(chooseRouterVersion(id, "v3")).toBe("v3");
    }
  });

  it("pins known ids (a change to the hash would silently re-assign stored orders)", () => {
    // Reference values from an independent FNV-1a (Python): "sor-version:a" → 2723499987 ≡ 0 (mod 3), …
    expect(["a", "b", "c", "po_42", "parent-1"].map((id) => chooseRouterVersion(id))).toEqual(["v1", "v3", "v2", "v1", "v3"]);
  });

  it("splits sequential and random ids roughly evenly into thirds", () => {
    const share = (ids: string[]) => {
      const n: Record<RouterVersion, number> = { v1: 0, v2: 0, v3: 0 };
      for (const id of ids) n[chooseRouterVersion(id)]++;
      return ROUTER_VERSIONS.map((v) => n[v] / ids.length);
    };
    const sequential = Array.from({ length: 30_000 }, (_, i) => `po_${i}`);
    const rng = createRng(7);
    const random = Array.from({ length: 30_000 }, () => Math.floor(rng.next() * 2 ** 52).toString(16));
    // 30 000 draws: one-third share has s.d. √(p(1−p)/n) ≈ 0.0027; ±0.015 is > 5 s.d.
    for (const s of [...share(sequential), ...share(random)]) expect(Math.abs(s - 1 / 3)).toBeLessThan(0.015);
  });
});

const book = (venue: VenueId): BookView => ({
  venue,
  symbol: "BTC-USD",
  bids: [{ price: 99.9, qty: 2 }],
  asks: [
    { price: 100.1, qty: 1 },
    { price: 100.15, qty: 1 },
    { price: 100.5, qty: 8 },
  ],
  seq: 1,
  updatedAtMs: NOW,
});
const ctx = (over: Partial<PenaltyContext> = {}): PenaltyContext => ({
  symbol: "BTC-USD",
  side: "buy",
  nowMs: NOW,
  sigmaPerSecond: 1e-4,
  venues: [
    { venue: "binance", book: book("binance"), ackLatencyMs: 12 },
    { venue: "kraken", book: book("kraken"), ackLatencyMs: 60 },
  ],
  ...over,
});

describe("versionPenalties (named extraBps per version)", () => {
  it("v1 adds nothing; v2 and v3 add adverse_selection and reject_penalty before the sweep", () => {
    expect([...versionPenalties("v1", ctx()).values()].map((p) => p.extraBps)).toEqual([{}, {}]);
    for (const v of ["v2", "v3"] as const) {
      const p = versionPenalties(v, ctx());
      expect(Object.keys(p.get("binance")?.extraBps ?? {}).sort()).toEqual(["adverse_selection", "reject_penalty"]);
    }
  });

  it("reject penalty = p × (half spread + σ√(2·ack)·E[max(0,Z)]) with the registry's reject rates", () => {
    const p = versionPenalties("v2", ctx());
    // kraken: p = 0.01; half spread (100.1 − 99.9)/2/100 = 10 bps; retry 120 ms:
    // 1e-4·√0.12·1e4·0.398942 = 0.138198 bps → 0.01 × 10.138198
    expect(p.get("kraken")?.extraBps.reject_penalty).toBeCloseTo(0.10138198, 7);
    expect(p.get("binance")?.extraBps.reject_penalty).toBeLessThan(p.get("kraken")?.extraBps.reject_penalty as number);
    const hot = versionPenalties("v2", ctx({ models: { rejectRates: { binance: 0.5 } } }));
    expect(hot.get("binance")?.inputs.reject_penalty?.rejectRate).toBe(0.5);
  });

  it("adverse selection falls back to the σ-scaled prior without a tape, and reads the tape when there is one", () => {
    const prior = versionPenalties("v2", ctx()).get("binance")?.inputs.adverse_selection;
    // 0.15 × σ√5s = 0.15 × 1e-4 × √5 × 1e4
    expect(prior?.bps).toBeCloseTo(0.15 * Math.sqrt(5), 10);
    expect(prior?.trades).toBe(0);
    const trades: Trade[] = Array.from({ length: 30 }, (_, i) => ({
      venue: "binance",
      symbol: "BTC-USD",
      price: 100,
      qty: 1,
      aggressor: "buy",
      tsMs: NOW - 60_000 + i * 1000,
      id: `t${i}`,
    }));
    // The mid rises 1 bp per second: every buy's 5 s markout is ~+5 bps.
    const mids = Array.from({ length: 121 }, (_, i) => ({ tsMs: NOW - 120_000 + i * 1000, mid: 100 * (1 + (i * 1e-4)) }));
    const observations = { recentTrades: (_s: string, v: VenueId) => (v === "binance" ? trades : []), midSamples: () => mids };
    const p = versionPenalties("v2", ctx({ observations }));
    const est = p.get("binance")?.inputs.adverse_selection;
    expect(est?.trades).toBe(30);
    expect(est?.tapeBps).toBeCloseTo(5, 1);
    expect(est?.bps).toBeGreaterThan(prior?.bps as number);
    expect(p.get("kraken")?.inputs.adverse_selection?.trades).toBe(0);
  });

  it("with reuseMs, a route within it gives the same charge as a fresh measure and reads no tape; later it measures again", () => {
    const trades: Trade[] = Array.from({ length: 30 }, (_, i) => ({ venue: "binance", symbol: "BTC-USD", price: 100, qty: 1, aggressor: "buy", tsMs: NOW - 60_000 + i * 1000, id: `t${i}` }));
    const mids = Array.from({ length: 121 }, (_, i) => ({ tsMs: NOW - 120_000 + i * 1000, mid: 100 * (1 + i * 1e-4) }));
    let reads = 0;
    const observations = { recentTrades: (_s: string, v: VenueId) => (reads++, v === "binance" ? trades : []), midSamples: () => mids };
    const fresh = versionPenalties("v2", ctx({ observations })).get("binance")?.inputs.adverse_selection;
    const models = { adverseSelection: { reuseMs: 250 } };
    reads = 0;
    const first = versionPenalties("v2", ctx({ observations, models })).get("binance")?.inputs.adverse_selection;
    expect(first).toEqual(fresh);
    expect(reads).toBe(2); // binance and kraken measured once
    const again = versionPenalties("v2", ctx({ observations, models, nowMs: NOW + 200 })).get("binance")?.inputs.adverse_selection;
    expect(reads).toBe(2);
    expect(again?.trades).toBe(30);
    versionPenalties("v2", ctx({ observations, models, nowMs: NOW + 300 }));
    expect(reads).toBe(4);
  });

  it("v3's venue impact is sized on the planned leg over depth within 10 bps of the touch", () => {
    const pre = versionPenalties("v3", ctx());
    const withImpact = addVenueImpact("v3", pre, new Map([["binance", 1]]), ctx());
    // depth within 10 bps of 100.1: 100.1 ×1 + 100.15 ×1 = 2; κ = 5 bps → 5 × 1/2
    expect(withImpact.get("binance")?.extraBps.venue_impact).toBeCloseTo(2.5, 12);
    expect(withImpact.get("kraken")?.extraBps.venue_impact).toBe(0);
    expect(withImpact.get("binance")?.extraBps.reject_penalty).toBe(pre.get("binance")?.extraBps.reject_penalty);
    expect(addVenueImpact("v2", pre, new Map([["binance", 1]]), ctx()).get("binance")?.extraBps.venue_impact).toBeUndefined();
  });
});
