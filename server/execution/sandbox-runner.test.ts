import { describe, expect, it } from "vitest";
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import { routeOrder } from "@/server/router/route-order";
import { createManualClock } from "@/server/shared/clock";
import { createRng } from "@/server/shared/rng";
import { expandPacing } from "./expand-pacing";
import { createMatchingEngine } from "./matching-engine";
import type { ParentOrder } from "./parent-order";
import { SandboxRunner, type RunnerJournal } from "./sandbox-runner";

function setup() {
  const clock = createManualClock(1_760_000_000_000);
  const source = createSimulatedSource({ clock, seed: 3, scheduler: { setInterval: () => 0, clearInterval: () => {} }, autostart: ["BTC-USD", "ETH-USD"] });
  source.start();
  const observations = createObservationStore({ source, clock });
  const step = (ms = 100) => {
    clock.advance(ms);
    source.advanceTo(clock.nowMs());
  };
  for (let i = 0; i < 100; i++) step();
  const log: { orderId: string; kind: string; payload: Record<string, unknown> }[] = [];
  const fills: { orderId: string; fillId: string; qty: number }[] = [];
  const decisions: { orderId: string; legs: number }[] = [];
  const statuses: { orderId: string; status: string; reason?: string }[] = [];
  const journal: RunnerJournal = {
    event: async (orderId, kind, payload) => void log.push({ orderId, kind, payload }),
    fill: async (orderId, f) => void fills.push({ orderId, fillId: f.fillId, qty: f.qty }),
    decision: async (orderId, d) => void decisions.push({ orderId, legs: d.legs.length }),
    status: async (orderId, status, _at, reason) => void statuses.push({ orderId, status, ...(reason ? { reason } : {}) }),
    control: async (orderId, kind, byKeyId) => void statuses.push({ orderId, status: kind.toUpperCase(), ...(byKeyId ? { reason: byKeyId } : {}) }),
  };
  const engine = createMatchingEngine({ rng: createRng(9), fillIdPrefix: "t-" });
  const runner = new SandboxRunner({
    engine,
    source,
    journal,
    route: ({ parent, qty, books, nowMs, sequence }) =>
      routeOrder({ parentId: parent.orderId, nodeOrderId: parent.nodeOrderId, sequence, symbol: parent.symbol, side: parent.side, qty, books, nowMs, sigmaPerSecond: observations.volatility(parent.symbol).sigmaPerSecond, version: parent.routerVersion }),
  });
  runner.attach();
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      step();
      runner.tick(clock.nowMs());
    }
  };
  return { clock, runner, run, log, fills, decisions, statuses };
}

let n = 0;
function parent(over: Partial<ParentOrder> = {}): ParentOrder {
  n++;
  return {
    orderId: `o${n}`, nodeOrderId: `n${n}`, deskId: "d1", symbol: "BTC-USD", side: "buy", qty: 2, limitPrice: undefined, venue: undefined,
    excludeVenues: [], policy: "sor", urgency: "medium", routerVersion: "v1", slices: undefined, waiting: true, startedAtMs: undefined,
    arrivalMid: undefined, filled: 0, notional: 0, feesUsd: 0, open: new Map(), nextActionAtMs: 0, decisions: 0, emptyRoutes: 0,
    cancelRequested: false, final: false, ...over,
  };
}

describe("SandboxRunner", () => {
  it("works an SOR order to COMPLETED with fills summing to the quantity and stored decisions", async () => {
    const s = setup();
    const p = parent({ qty: 3 });
    s.runner.add(p);
    s.runner.start(p.orderId, s.clock.nowMs());
    s.run(5_000);
    await s.runner.flush();
    expect(s.statuses.map((x) => x.status)).toEqual(["RUNNING", "COMPLETED"]);
    const filled = s.fills.reduce((a, f) => a + f.qty, 0);
    expect(filled).toBeCloseTo(3, 9);
    expect(filled).toBeLessThanOrEqual(3 + 1e-12);
    expect(new Set(s.fills.map((f) => f.fillId)).size).toBe(s.fills.length);
    expect(s.decisions.length).toBeGreaterThanOrEqual(1);
    expect(s.log.some((e) => e.kind === "child_sent")).toBe(true);
  });

  it("paces a TWAP order on its schedule", async () => {
    const s = setup();
    const start = s.clock.nowMs();
    const p = parent({ qty: 1, slices: expandPacing(1, 4, 2_000, start) });
    s.runner.add(p);
    s.runner.start(p.orderId, start);
    s.run(1_000);
    expect(p.filled).toBeLessThanOrEqual(0.25 + 1e-9);
    expect(p.filled).toBeGreaterThan(0);
    s.run(2_000);
    expect(p.filled).toBeLessThanOrEqual(0.5 + 1e-9);
    s.run(6_000);
    await s.runner.flush();
    expect(s.statuses.at(-1)?.status).toBe("COMPLETED");
    expect(p.filled).toBeCloseTo(1, 9);
  });

  it("pause stops a TWAP between slices; resume keeps its pacing, shifted by the pause", async () => {
    const s = setup();
    const start = s.clock.nowMs();
    const p = parent({ qty: 1, slices: expandPacing(1, 4, 2_000, start) });
    s.runner.add(p);
    expect(s.runner.pause(p.orderId, start, "key_a")).toBe(false); // not started yet
    s.runner.start(p.orderId, start);
    s.run(1_000);
    const firstSlice = p.filled;
    expect(firstSlice).toBeGreaterThan(0);
    expect(s.runner.pause(p.orderId, s.clock.nowMs(), "key_a")).toBe(true);
    expect(s.runner.pause(p.orderId, s.clock.nowMs(), "key_a")).toBe(false); // already paused
    // Slices 2 and 3 fall due during the pause and are not worked.
    s.run(5_000);
    expect(p.filled).toBe(firstSlice);
    const resumedAt = s.clock.nowMs();
    expect(s.runner.resume(p.orderId, resumedAt, "key_b")).toBe(true);
    // Shifted by the 5 s pause: slice 2 is due ~1 s after resume, not at once with slice 3.
    expect(p.slices!.map((x) => x.dueAtMs - start)).toEqual([0, 2_000 + 5_000, 4_000 + 5_000, 6_000 + 5_000]);
    s.run(500);
    expect(p.filled).toBe(firstSlice);
    s.run(1_000);
    expect(p.filled).toBeGreaterThan(firstSlice);
    expect(p.filled).toBeLessThanOrEqual(0.5 + 1e-9);
    s.run(8_000);
    await s.runner.flush();
    expect(s.statuses.filter((x) => x.orderId === p.orderId).map((x) => x.status)).toEqual(["RUNNING", "PAUSED", "RESUMED", "COMPLETED"]);
    expect(p.filled).toBeCloseTo(1, 9);
  });

  it("a paused order can still be cancelled; a cancelled one cannot be resumed", async () => {
    const s = setup();
    const p = parent({ qty: 1, slices: expandPacing(1, 4, 2_000, s.clock.nowMs()) });
    s.runner.add(p);
    s.runner.start(p.orderId, s.clock.nowMs());
    s.run(500);
    s.runner.pause(p.orderId, s.clock.nowMs(), null);
    s.run(300);
    expect(s.runner.requestCancel(p.orderId, s.clock.nowMs())).toBe(true);
    s.run(300);
    await s.runner.flush();
    expect(s.statuses.filter((x) => x.orderId === p.orderId).map((x) => x.status).slice(-2)).toEqual(["CANCEL_REQUESTED", "CANCELLED"]);
    expect(s.runner.resume(p.orderId, s.clock.nowMs(), null)).toBe(false);
  });

  it("starts a graph's second node when the first fills completely, and cancels on request", async () => {
    const s = setup();
    const a = parent({ qty: 0.5 });
    const b = parent({ qty: 0.5, side: "sell" });
    s.runner.add(a, [{ to: b.orderId, trigger: "on_full_fill", timeoutMs: undefined }]);
    s.runner.add(b);
    s.runner.start(a.orderId, s.clock.nowMs());
    expect(b.waiting).toBe(true);
    s.run(4_000);
    expect(a.final).toBe(true);
    expect(b.waiting).toBe(false);
    const c = parent({ qty: 5, limitPrice: 1 }); // a buy limit far below the market never fills
    s.runner.add(c);
    s.runner.start(c.orderId, s.clock.nowMs());
    s.run(1_000);
    expect(s.runner.requestCancel(c.orderId, s.clock.nowMs())).toBe(true);
    s.run(1_000);
    await s.runner.flush();
    expect(s.statuses.filter((x) => x.orderId === c.orderId).at(-1)?.status).toBe("CANCELLED");
    expect(c.filled).toBe(0);
  });

  it("the kill switch cancels every working order of the desk, not other desks'", async () => {
    const s = setup();
    const mine = parent({ qty: 5, limitPrice: 1 });
    const theirs = parent({ qty: 5, limitPrice: 1, deskId: "d2" });
    for (const p of [mine, theirs]) {
      s.runner.add(p);
      s.runner.start(p.orderId, s.clock.nowMs());
    }
    s.run(500);
    expect(s.runner.cancelDesk("d1", s.clock.nowMs())).toBe(1);
    s.run(500);
    expect(mine.final).toBe(true);
    expect(theirs.final).toBe(false);
  });
});
