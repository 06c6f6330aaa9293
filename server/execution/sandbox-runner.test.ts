import { describe, expect, it } from "vitest";
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import { routeOrder } from "@/server/router/route-order";
import { createManualClock } from "@/server/shared/clock";
import { createRng } from "@/server/shared/rng";
import { expandPacing } from "./expand-pacing";
import { createMatchingEngine } from "./matching-engine";
import type { ParentOrder } from "./parent-order";
import { SandboxRunner, STORE_HALT_FAIL_MS, type RunnerJournal } from "./sandbox-runner";

interface SetupOptions {
  /** While true, child_sent events are not yet durable (their promises wait). */
  holdSends?: { held: boolean; release: (() => void)[] };
  /** What the journal reports as the start of a store outage. */
  failingSince?: () => number | undefined;
}

function setup(opts: SetupOptions = {}) {
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
  // Records in memory and is durable at once (resolves true): the runner's own rules under test.
  const journal: RunnerJournal = {
    event: async (orderId, kind, payload) => {
      log.push({ orderId, kind, payload });
      const hold = opts.holdSends;
      if (kind === "child_sent" && hold?.held) await new Promise<void>((resolve) => hold.release.push(resolve));
      return true;
    },
    fill: async (orderId, f) => (fills.push({ orderId, fillId: f.fillId, qty: f.qty }), true),
    decision: (orderId, d) => (decisions.push({ orderId, legs: d.legs.length }), `d${decisions.length}`),
    status: async (orderId, status, _at, reason) => (statuses.push({ orderId, status, ...(reason ? { reason } : {}) }), true),
    control: async (orderId, kind, byKeyId) => (statuses.push({ orderId, status: kind.toUpperCase(), ...(byKeyId ? { reason: byKeyId } : {}) }), true),
    ...(opts.failingSince ? { failingSinceMs: opts.failingSince } : {}),
  };
  const engine = createMatchingEngine({ rng: createRng(9), fillIdPrefix: "t-" });
  const runner = new SandboxRunner({
    engine,
    source,
    journal,
    route: ({ parent, qty, books, nowMs, sequence }) =>
      routeOrder({
        parentId: parent.orderId, nodeOrderId: parent.nodeOrderId, sequence, symbol: parent.symbol, side: parent.side, qty, books, nowMs,
        sigmaPerSecond: observations.volatility(parent.symbol).sigmaPerSecond, version: parent.routerVersion,
        ...(parent.venue ? { venues: [parent.venue] } : {}), excludeVenues: parent.excludeVenues,
      }),
  });
  runner.attach();
  // Children go out once their child_sent is durable (a resolved promise here): let those
  // callbacks run between ticks, as the event loop does in the server.
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      step();
      runner.tick(clock.nowMs());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { clock, runner, run, log, fills, decisions, statuses, engine };
}

let n = 0;
function parent(over: Partial<ParentOrder> = {}): ParentOrder {
  n++;
  return {
    orderId: `o${n}`, nodeOrderId: `n${n}`, deskId: "d1", symbol: "BTC-USD", side: "buy", qty: 2, limitPrice: undefined, venue: undefined,
    excludeVenues: [], policy: "sor", urgency: "medium", routerVersion: "v1", slices: undefined, waiting: true, startedAtMs: undefined,
    arrivalMid: undefined, filled: 0, notional: 0, feesUsd: 0, open: new Map(), childSeq: 0, nextActionAtMs: 0, decisions: 0, emptyRoutes: 0,
    cancelRequested: false, final: false, ...over,
  };
}

describe("SandboxRunner", () => {
  it("works an SOR order to COMPLETED with fills summing to the quantity and stored decisions", async () => {
    const s = setup();
    const p = parent({ qty: 3 });
    s.runner.add(p);
    s.runner.start(p.orderId, s.clock.nowMs());
    await s.run(5_000);
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
    await s.run(1_000);
    expect(p.filled).toBeLessThanOrEqual(0.25 + 1e-9);
    expect(p.filled).toBeGreaterThan(0);
    await s.run(2_000);
    expect(p.filled).toBeLessThanOrEqual(0.5 + 1e-9);
    await s.run(6_000);
    await s.runner.flush();
    expect(s.statuses.at(-1)?.status).toBe("COMPLETED");
    expect(p.filled).toBeCloseTo(1, 9);
  });

  it("pause stops a TWAP between slices; resume keeps its pacing, shifted by the pause", async () => {
    const s = setup();
    const start = s.clock.nowMs();
    const p = parent({ qty: 1, slices: expandPacing(1, 4, 2_000, start) });
    s.runner.add(p);
    expect(await s.runner.pause(p.orderId, start, "key_a")).toBe(false); // not started yet
    s.runner.start(p.orderId, start);
    await s.run(1_000);
    const firstSlice = p.filled;
    expect(firstSlice).toBeGreaterThan(0);
    expect(await s.runner.pause(p.orderId, s.clock.nowMs(), "key_a")).toBe(true);
    expect(await s.runner.pause(p.orderId, s.clock.nowMs(), "key_a")).toBe(true); // a repeat is harmless, logged once
    // Slices 2 and 3 fall due during the pause and are not worked.
    await s.run(5_000);
    expect(p.filled).toBe(firstSlice);
    const resumedAt = s.clock.nowMs();
    expect(await s.runner.resume(p.orderId, resumedAt, "key_b")).toBe(true);
    // Shifted by the 5 s pause: slice 2 is due ~1 s after resume, not at once with slice 3.
    expect(p.slices!.map((x) => x.dueAtMs - start)).toEqual([0, 2_000 + 5_000, 4_000 + 5_000, 6_000 + 5_000]);
    await s.run(500);
    expect(p.filled).toBe(firstSlice);
    await s.run(1_000);
    expect(p.filled).toBeGreaterThan(firstSlice);
    expect(p.filled).toBeLessThanOrEqual(0.5 + 1e-9);
    await s.run(8_000);
    await s.runner.flush();
    expect(s.statuses.filter((x) => x.orderId === p.orderId).map((x) => x.status)).toEqual(["RUNNING", "PAUSED", "RESUMED", "COMPLETED"]);
    expect(p.filled).toBeCloseTo(1, 9);
  });

  it("a paused order can still be cancelled; a cancelled one cannot be resumed", async () => {
    const s = setup();
    const p = parent({ qty: 1, slices: expandPacing(1, 4, 2_000, s.clock.nowMs()) });
    s.runner.add(p);
    s.runner.start(p.orderId, s.clock.nowMs());
    await s.run(500);
    await s.runner.pause(p.orderId, s.clock.nowMs(), null);
    await s.run(300);
    expect(await s.runner.requestCancel(p.orderId, s.clock.nowMs())).toBe(true);
    await s.run(300);
    await s.runner.flush();
    expect(s.statuses.filter((x) => x.orderId === p.orderId).map((x) => x.status).slice(-2)).toEqual(["CANCEL_REQUESTED", "CANCELLED"]);
    expect(await s.runner.resume(p.orderId, s.clock.nowMs(), null)).toBe(false);
  });

  it("starts a graph's second node when the first fills completely, and cancels on request", async () => {
    const s = setup();
    const a = parent({ qty: 0.5 });
    const b = parent({ qty: 0.5, side: "sell" });
    s.runner.add(a, [{ to: b.orderId, trigger: "on_full_fill", timeoutMs: undefined }]);
    s.runner.add(b);
    s.runner.start(a.orderId, s.clock.nowMs());
    expect(b.waiting).toBe(true);
    await s.run(4_000);
    expect(a.final).toBe(true);
    expect(b.waiting).toBe(false);
    const c = parent({ qty: 5, limitPrice: 1 }); // a buy limit far below the market never fills
    s.runner.add(c);
    s.runner.start(c.orderId, s.clock.nowMs());
    await s.run(1_000);
    expect(await s.runner.requestCancel(c.orderId, s.clock.nowMs())).toBe(true);
    await s.run(1_000);
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
    await s.run(500);
    expect(await s.runner.cancelDesk("d1", s.clock.nowMs())).toBe(1);
    await s.run(500);
    expect(mine.final).toBe(true);
    expect(theirs.final).toBe(false);
  });

  it("write-ahead: no child reaches the venue before its child_sent is durable", async () => {
    const hold = { held: true, release: [] as (() => void)[] };
    const s = setup({ holdSends: hold });
    const p = parent({ qty: 1 });
    s.runner.add(p);
    s.runner.start(p.orderId, s.clock.nowMs());
    await s.run(2_000);
    const sent = s.log.filter((e) => e.orderId === p.orderId && e.kind === "child_sent");
    expect(sent.length).toBeGreaterThan(0);
    // Logged, not durable: nothing at the engine, nothing filled, nothing re-routed over it.
    expect(p.filled).toBe(0);
    expect([...p.open.values()].every((c) => !c.sent)).toBe(true);
    for (const c of p.open.keys()) expect(s.engine.child(c)).toBeUndefined();
    hold.held = false;
    for (const release of hold.release.splice(0)) release();
    await s.run(3_000);
    await s.runner.flush();
    expect(p.filled).toBeCloseTo(1, 9);
  });

  it("child ids continue from the log's count (a recovered order never reuses an id)", async () => {
    const s = setup();
    const p = parent({ qty: 1, childSeq: 4 });
    s.runner.add(p);
    s.runner.start(p.orderId, s.clock.nowMs());
    await s.run(1_000);
    const ids = s.log.filter((e) => e.orderId === p.orderId && e.kind === "child_sent").map((e) => e.payload.child_id);
    expect(ids[0]).toBe(`${p.nodeOrderId}-c5`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("a store outage longer than the halt limit stops working orders: children pulled, FAILED STORE_UNAVAILABLE", async () => {
    const outage: { since: number | undefined } = { since: undefined };
    const s = setup({ failingSince: () => outage.since });
    const twap = parent({ qty: 2, slices: expandPacing(2, 10, 1_000, s.clock.nowMs()) });
    s.runner.add(twap);
    s.runner.start(twap.orderId, s.clock.nowMs());
    await s.run(1_500);
    const before = s.log.filter((e) => e.kind === "child_sent").length;
    outage.since = s.clock.nowMs();
    // While failing: nothing new is sent.
    await s.run(STORE_HALT_FAIL_MS - 500);
    expect(s.log.filter((e) => e.kind === "child_sent").length).toBe(before);
    expect(twap.final).toBe(false);
    await s.run(1_000);
    expect(twap.final).toBe(true);
    expect(s.statuses.filter((x) => x.orderId === twap.orderId).at(-1)).toEqual({ orderId: twap.orderId, status: "FAILED", reason: "STORE_UNAVAILABLE" });
    expect(twap.filled).toBeLessThan(2);
  });

  it("the kill switch fence: an order created under an older switch version is cancelled on arrival, never started", async () => {
    const s = setup();
    s.runner.setFence("d1", false, 2); // engaged (1) and released (2) since the order passed version 0
    const p = parent({ qty: 1 });
    s.runner.add(p, [], 0);
    s.runner.start(p.orderId, s.clock.nowMs());
    await s.run(500);
    await s.runner.flush();
    expect(s.statuses.filter((x) => x.orderId === p.orderId).map((x) => x.status)).toEqual(["CANCEL_REQUESTED", "CANCELLED"]);
    expect(s.log.filter((e) => e.orderId === p.orderId)).toEqual([]);
    const q = parent({ qty: 1 });
    s.runner.add(q, [], 2); // passed the current version: runs
    s.runner.start(q.orderId, s.clock.nowMs());
    await s.run(3_000);
    expect(q.filled).toBeCloseTo(1, 9);
  });

  it("a limit order away from the market sends nothing and repeats its decision instead of logging children", async () => {
    const s = setup();
    const p = parent({ qty: 1, limitPrice: 1 });
    s.runner.add(p);
    s.runner.start(p.orderId, s.clock.nowMs());
    await s.run(5_000);
    expect(s.log.filter((e) => e.orderId === p.orderId && e.kind === "child_sent")).toEqual([]);
    expect(p.final).toBe(false);
    // Routed once; later rounds only check the touches (a resting order costs no router runs).
    expect(s.decisions.filter((d) => d.orderId === p.orderId)).toHaveLength(1);
  });

  it("a waiting graph node whose sources all ended without firing it is cancelled (GRAPH_TRIGGER_UNMET), not left waiting", async () => {
    const s = setup();
    const entry = parent({ qty: 5, limitPrice: 1 }); // rests, never fills
    const follow = parent({ qty: 1 });
    const onCancel = parent({ qty: 0.1 });
    s.runner.add(entry, [
      { to: follow.orderId, trigger: "on_full_fill", timeoutMs: undefined },
      { to: onCancel.orderId, trigger: "on_cancel", timeoutMs: undefined },
    ]);
    s.runner.add(follow);
    s.runner.add(onCancel);
    s.runner.start(entry.orderId, s.clock.nowMs());
    await s.run(500);
    expect(follow.waiting).toBe(true);
    await s.runner.requestCancel(entry.orderId, s.clock.nowMs());
    await s.run(2_000);
    await s.runner.flush();
    expect(s.statuses.filter((x) => x.orderId === follow.orderId).at(-1)).toEqual({ orderId: follow.orderId, status: "CANCELLED", reason: "GRAPH_TRIGGER_UNMET" });
    expect(s.log.filter((e) => e.orderId === follow.orderId)).toEqual([]);
    // The edge that did fire started its node.
    expect(onCancel.waiting).toBe(false);
    expect(s.runner.working()).toHaveLength(0);
  });

  it("a remainder below every allowed venue's minimum completes the order with it as dust: no empty re-routes, no FAILED", async () => {
    const s = setup();
    // Binance trades BTC in 0.00001 lots with a 5 USD minimum: the last 0.000004 can go nowhere.
    const p = parent({ qty: 1.000004, venue: "binance" });
    s.runner.add(p);
    s.runner.start(p.orderId, s.clock.nowMs());
    await s.run(3_000);
    await s.runner.flush();
    expect(s.statuses.filter((x) => x.orderId === p.orderId)).toEqual([
      { orderId: p.orderId, status: "RUNNING" },
      { orderId: p.orderId, status: "COMPLETED" },
    ]);
    expect(p.qty - p.filled).toBeCloseTo(0.000004, 12);
    // Every routing round sent something: the dust never reached the router.
    const mine = s.decisions.filter((d) => d.orderId === p.orderId);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.filter((d) => d.legs === 0)).toEqual([]);
  });

  it("SOR: dust below every venue's minimum (0.000004 BTC is under OKX's 0.00001 and Coinbase's 1 USD) completes too", async () => {
    const s = setup();
    const p = parent({ qty: 1.000004 });
    s.runner.add(p);
    s.runner.start(p.orderId, s.clock.nowMs());
    await s.run(3_000);
    await s.runner.flush();
    expect(s.statuses.filter((x) => x.orderId === p.orderId).map((x) => x.status)).toEqual(["RUNNING", "COMPLETED"]);
    expect(p.filled).toBeGreaterThan(1.000004 - 0.00001);
    expect(p.filled).toBeLessThan(1.000004);
    expect(s.decisions.filter((d) => d.orderId === p.orderId && d.legs === 0)).toEqual([]);
  });

  it("an order smaller than every venue's minimum is REJECTED BELOW_MIN_SIZE at once, never routed", async () => {
    const s = setup();
    const p = parent({ qty: 0.000004 });
    s.runner.add(p);
    s.runner.start(p.orderId, s.clock.nowMs());
    await s.run(500);
    await s.runner.flush();
    expect(s.statuses.filter((x) => x.orderId === p.orderId).at(-1)).toEqual({ orderId: p.orderId, status: "REJECTED", reason: "BELOW_MIN_SIZE" });
    expect(s.decisions.filter((d) => d.orderId === p.orderId)).toEqual([]);
  });

  it("a TWAP slice's dust waits for the next slice instead of being routed alone", async () => {
    const s = setup();
    const start = s.clock.nowMs();
    // Four slices of 0.25000125 on Binance (0.00001 lots): each leaves 0.00000125 that only the next slice can carry.
    const p = parent({ qty: 1.000005, venue: "binance", slices: expandPacing(1.000005, 4, 2_000, start) });
    s.runner.add(p);
    s.runner.start(p.orderId, start);
    await s.run(10_000);
    await s.runner.flush();
    expect(s.statuses.filter((x) => x.orderId === p.orderId).map((x) => x.status)).toEqual(["RUNNING", "COMPLETED"]);
    expect(s.decisions.filter((d) => d.orderId === p.orderId && d.legs === 0)).toEqual([]);
    expect(p.qty - p.filled).toBeLessThan(0.00001);
  });
});
