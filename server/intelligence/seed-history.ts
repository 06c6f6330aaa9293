/**
 * A desk's trading history made the honest way: sandbox orders executed by the real
 * router, matching engine and journal on a simulated market running on a manual clock that
 * starts `days` ago. Each order's time is set, the market is moved to it, the order is
 * worked to the end, and the next one follows — so Summary and Review have real data.
 */
import { DEFAULT_SYMBOLS } from "@/lib/contracts/common";
import { qtyToE8 } from "@/lib/units";
import { IDENTITY_CALIBRATION } from "@/server/cost/calibration";
import { createMatchingEngine } from "@/server/execution/matching-engine";
import { deriveOrder } from "@/server/execution/order-states";
import { SandboxRunner } from "@/server/execution/sandbox-runner";
import { currentBooks } from "@/server/market-data/current-books";
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import { chooseRouterVersion } from "@/server/router/router-versions";
import { createManualClock } from "@/server/shared/clock";
import { createRng } from "@/server/shared/rng";
import type { Store } from "@/server/store/port";
import type { CalibrationRecord } from "./calibration-record";
import { captureMarketContext } from "./capture-market-context";
import { parentFromRecord } from "./parent-from-record";
import { recordForecastOutcome } from "./record-forecast-outcome";
import { routeParentWith } from "./route-parent";
import { createSandboxJournal } from "./sandbox-journal";
import { snapshotForecast } from "./snapshot-forecast";
import { writeStoredBody } from "./stored-order-body";

const DAY_MS = 86_400_000;
/** Typical clip per symbol (base units); each order draws a lognormal multiple of it. */
const CLIP: Record<string, number> = { "BTC-USD": 0.5, "ETH-USD": 8, "SOL-USD": 150, "XRP-USD": 8_000, "DOGE-USD": 80_000 };

export interface SeedHistoryOptions {
  store: Store;
  deskId: string;
  keyId: string;
  orders: number;
  days: number;
  endMs: number;
  seed: number;
  calibration?: CalibrationRecord;
  log?: (msg: string, err?: unknown) => void;
}

export async function seedHistory(o: SeedHistoryOptions): Promise<{ orders: number; completed: number }> {
  const rng = createRng(o.seed);
  const startMs = o.endMs - o.days * DAY_MS;
  const clock = createManualClock(startMs);
  // Between orders the market jumps ahead instead of replaying the gap (maxCatchUpMs), and
  // only a few seconds around each order are simulated: history costs ~0.1 s per order.
  const source = createSimulatedSource({ clock, seed: o.seed, scheduler: { setInterval: () => 0, clearInterval: () => {} }, autostart: DEFAULT_SYMBOLS, maxCatchUpMs: 1_000 });
  source.start();
  const observations = createObservationStore({ source, clock });
  const step = () => {
    clock.advance(100);
    source.advanceTo(clock.nowMs());
  };
  for (let i = 0; i < 300; i++) step();
  const log = o.log ?? (() => {});
  const journal = createSandboxJournal(o.store, log, o.calibration ? (id, desk) => recordForecastOutcome(o.store, o.calibration!, desk, id) : undefined);
  const runner = new SandboxRunner({
    engine: createMatchingEngine({ rng: rng.fork("engine"), fillIdPrefix: `seed${o.seed}-` }),
    source,
    journal,
    route: routeParentWith(observations, (symbol) => source.venuesFor(symbol)),
  });
  runner.attach();

  let completed = 0;
  const span = Math.max(1, o.endMs - 60_000 - (startMs + 30_000));
  for (let i = 0; i < o.orders; i++) {
    const at = startMs + 30_000 + Math.floor(((i + rng.next()) / o.orders) * span);
    if (at > clock.nowMs()) {
      clock.set(at - 5_000); // the market skips ahead, then runs 5 s so books and the tape are fresh
      source.advanceTo(clock.nowMs());
      for (let k = 0; k < 50; k++) step();
    }
    const symbol = DEFAULT_SYMBOLS[rng.int(DEFAULT_SYMBOLS.length)]!;
    const side = rng.next() < 0.5 ? "buy" : "sell";
    const qty = Number(((CLIP[symbol] ?? 1) * Math.exp(0.8 * rng.normal())).toPrecision(4));
    const urgency = (["low", "medium", "high"] as const)[rng.int(3)]!;
    const paced = rng.next() < 0.25;
    const pacing = paced ? { numSlices: 3 + rng.int(4), intervalMs: 2_000 + 1_000 * rng.int(5) } : null;
    const now = clock.nowMs();
    const books = currentBooks(source, symbol);
    const forecast = snapshotForecast({
      symbol, side, qty, execution: { pacing }, books, observations, nowMs: now,
      calibration: (group) => (o.calibration ? o.calibration.current(symbol, group) : IDENTITY_CALIBRATION),
    });
    const id = `ord_seed_${o.seed}_${i}`;
    const record = await o.store.createOrder(
      {
        id, deskId: o.deskId, keyId: o.keyId, parentId: null, nodeOrderId: `nod_seed_${o.seed}_${i}`, graphId: null, clientRequestId: null,
        bodyHash: id,
        bodyJson: writeStoredBody({
          request: { symbol, side, qty, urgency, seeded: true }, nodeId: null, excludeVenues: [], pacing, edges: [],
          forecast,
        }),
        symbol, side, qtyE8: qtyToE8(qty), limitPriceE9: null, venue: null, policy: paced ? "twap" : "sor", urgency,
        routerVersion: chooseRouterVersion(id), sandbox: true, createdAtMs: now,
      },
      [{ kind: "accepted", atMs: now, qtyE8: qtyToE8(qty) }],
    );
    journal.track(record.id, deriveOrder([{ kind: "accepted", atMs: now, qtyE8: record.qtyE8 }]).state, o.deskId);
    const parent = parentFromRecord(record, undefined, now);
    runner.add(parent);
    runner.start(record.id, now);
    for (let k = 0; k < 1_200 && !parent.final; k++) {
      step();
      runner.tick(clock.nowMs());
      // Children go out once logged (write-ahead): let their writes land before the market
      // moves on. Seeding may run inside the server: give the event loop back regularly too.
      if (runner.hasPendingSends()) await runner.flush();
      else if (k % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
    }
    // 32 s of market after the end, so the stored context carries markouts to 30 s (the
    // 60 s and 300 s horizons would cost 2–10× the seeding time: they stay "not recorded").
    for (let k = 0; k < 320; k++) step();
    if (parent.final) completed++;
    else runner.requestCancel(record.id, clock.nowMs());
    if (parent.final) {
      // The simulated path is in hand now and gone after the next jump: keep it with the
      // order (its log must be written first), so its review has mids and the tape's VWAP.
      await runner.flush();
      await captureMarketContext({ store: o.store, observations, venuesFor: (s) => source.venuesFor(s) }, o.deskId, record.id, clock.nowMs(), "seed");
    } else if (i % 25 === 24) await runner.flush();
  }
  runner.tick(clock.nowMs() + 100);
  await runner.flush();
  runner.stop();
  source.stop();
  return { orders: o.orders, completed };
}
