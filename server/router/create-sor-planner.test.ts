import { describe, expect, it } from "vitest";
import { simulateStrategies } from "@/server/execution/simulate-strategies";
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import { createManualClock } from "@/server/shared/clock";
import { createSorPlanner } from "./create-sor-planner";
import { createSweepPlanner } from "./plan-sweep-legs";
import type { RoutingDecision } from "./routing-decision";

function frozenMarket(symbol: string) {
  const clock = createManualClock(1_760_000_000_000);
  const source = createSimulatedSource({ clock, seed: 5, scheduler: { setInterval: () => 0, clearInterval: () => {} }, autostart: [symbol] });
  source.start();
  const observations = createObservationStore({ source, clock });
  for (let i = 0; i < 300; i++) {
    clock.advance(100);
    source.advanceTo(clock.nowMs());
  }
  const books = source.venuesFor(symbol).flatMap((v) => source.book(v, symbol) ?? []);
  return { clock, books, observations, sigma: observations.volatility(symbol).sigmaPerSecond };
}

describe("createSorPlanner (routeOrder in the simulator's PlanLegs shape)", () => {
  const m = frozenMarket("BTC-USD");
  const ctx = { parentId: "po_9", nodeOrderId: "no_9", symbol: "BTC-USD", sigmaPerSecond: m.sigma, nowMs: () => m.clock.nowMs() };

  it("v1 on fresh books plans exactly the legs of the bare sweep planner", () => {
    const sor = createSorPlanner({ ...ctx, version: "v1" });
    const sweep = createSweepPlanner(ctx);
    for (const [side, qty] of [["buy", 40], ["sell", 3.7], ["buy", 0.002]] as const) expect(sor(m.books, side, qty)).toEqual(sweep(m.books, side, qty));
  });

  it("hands every decision to onDecision with consecutive sequence numbers", () => {
    const seen: RoutingDecision[] = [];
    const plan = createSorPlanner({ ...ctx, version: "v2", observations: m.observations, firstSequence: 4, onDecision: (d) => seen.push(d) });
    const legs = plan(m.books, "buy", 12);
    plan(m.books, "sell", 1);
    expect(plan(m.books, "sell", 0)).toEqual([]);
    expect(seen.map((d) => d.id)).toEqual(["rd_no_9_4", "rd_no_9_5"]);
    expect(seen[0]?.routerVersion).toBe("v2");
    expect(legs).toEqual(seen[0]?.legs.map((l) => ({ venue: l.venue, qty: l.qty })));
  });

  it("drives a simulation deterministically", () => {
    const run = () =>
      simulateStrategies({
        books: m.books,
        side: "buy",
        qty: 3,
        symbol: "BTC-USD",
        urgency: "high",
        sigmaPerSecond: m.sigma,
        tradesByVenue: {},
        tradeWindowMs: 30_000,
        planLegs: createSorPlanner({ ...ctx, version: "v3", observations: m.observations }),
        seed: 3,
        paths: 20,
        nowMs: m.clock.nowMs(),
      });
    expect(run()).toEqual(run());
  });
});
