/**
 * Sandbox orders on the simulated market (or the shipped Binance recordings replayed on the
 * same manual clock, BTC-USD spot), in process and on a manual clock, through the
 * real parts: SQLite store (a fresh database: the calibration record starts empty, so the
 * first orders are forecast uncalibrated, as on a new install), journal, SOR runner and
 * matching engine, the forecast stored at acceptance (snapshotForecast, the one submit
 * uses) and the calibration record fed on completion (recordForecastOutcome, the one the
 * running service uses). Returns, per order, what was forecast and what was realized.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { priceToE9, qtyToE8 } from "@/lib/units";
import { issueApiKey } from "@/server/auth/issue-api-key";
import { deriveOrder } from "@/server/execution/order-states";
import { createMatchingEngine } from "@/server/execution/matching-engine";
import { SandboxRunner } from "@/server/execution/sandbox-runner";
import { currentBooks } from "@/server/market-data/current-books";
import { createObservationStore } from "@/server/market-data/observation-store";
import { createReplaySource } from "@/server/market-data/replay/create-replay-source";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import type { MarketSource, SymbolId, VenueId } from "@/server/market-data/types";
import { DEFAULT_REPLAY_FILES } from "@/server/open-market-source";
import { chooseRouterVersion } from "@/server/router/router-versions";
import { createManualClock } from "@/server/shared/clock";
import { createLogger } from "@/server/shared/logger";
import { createRng, type Rng } from "@/server/shared/rng";
import type { NewOrder } from "@/server/store/port";
import { openSqliteStore } from "@/server/store/sqlite-store";
import { createCalibrationRecord } from "@/server/intelligence/calibration-record";
import { parentFromRecord } from "@/server/intelligence/parent-from-record";
import { recordForecastOutcome } from "@/server/intelligence/record-forecast-outcome";
import { routeParentWith } from "@/server/intelligence/route-parent";
import { createSandboxJournal } from "@/server/intelligence/sandbox-journal";
import { snapshotForecast } from "@/server/intelligence/snapshot-forecast";
import { readStoredBody, writeStoredBody } from "@/server/intelligence/stored-order-body";
import { CALIBRATION_POLICIES, touchQty, type CalibrationPolicy } from "@/server/cost/calibration-group";
import type { OrderExecution } from "@/server/cost/forecast-order";


export interface CalibrationRunOptions {
  orders: number;
  seed: number;
  symbols: readonly SymbolId[];
  /** The simulated market (default) or the recordings in recordings/ replayed in a loop. */
  market?: "simulated" | "replay";
  /** Market time between submissions, ms. */
  gapMs?: number;
  /** An order still working this long after acceptance is cancelled (and left out of coverage). */
  maxOrderMs?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface CalibrationOrderResult {
  orderId: string;
  symbol: SymbolId;
  side: "buy" | "sell";
  policy: CalibrationPolicy;
  /** Order size as a multiple of the touch quantity on the venues it may use. */
  multipleOfTop: number;
  status: string;
  /** Calibrated (stored and shown) and raw forecasts; null when no forecast could be made. */
  p50Bps: number | null;
  p90Bps: number | null;
  rawP50Bps: number | null;
  rawP90Bps: number | null;
  realizedBps: number | null;
}

const STEP_MS = 100;
const NO_TIMER = { setInterval: () => 0, clearInterval: () => {} };
const ROOT = join(__dirname, "..", "..");

type SteppedSource = MarketSource & { start(): void; stop(): void; advanceTo(ms: number): void };

function openSource(o: CalibrationRunOptions, clock: ReturnType<typeof createManualClock>): SteppedSource {
  if (o.market === "replay") return createReplaySource({ files: DEFAULT_REPLAY_FILES.map((f) => join(ROOT, f)), speed: 1, loop: true, clock, scheduler: NO_TIMER });
  return createSimulatedSource({ clock, seed: o.seed, scheduler: NO_TIMER, autostart: o.symbols });
}

function logUniform(rng: Rng, lo: number, hi: number): number {
  return Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo)));
}

export async function runCalibrationOrders(o: CalibrationRunOptions): Promise<CalibrationOrderResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "calibration-"));
  const clock = createManualClock();
  const store = openSqliteStore({ dataDir });
  const source = openSource(o, clock);
  try {
    await store.migrate();
    const desk = await store.createDesk({ name: "calibration" });
    const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "calibration" });
    source.start();
    const observations = createObservationStore({ source, clock });
    const calibration = createCalibrationRecord();
    const log = createLogger("error");
    const journal = createSandboxJournal(
      store,
      (m, e) => log.error(m, e),
      (orderId, deskId) => recordForecastOutcome(store, calibration, deskId, orderId),
      undefined,
      { now: () => clock.nowMs() },
    );
    const runner = new SandboxRunner({
      engine: createMatchingEngine({ rng: createRng(o.seed + 1), fillIdPrefix: "cal-" }),
      source,
      journal,
      route: routeParentWith(observations, (symbol) => source.venuesFor(symbol)),
    });
    runner.attach();
    const rng = createRng(o.seed + 2);
    const step = async () => {
      clock.advance(STEP_MS);
      source.advanceTo(clock.nowMs());
      runner.tick(clock.nowMs());
      // Lets journal batches commit and durable children go out, as the event loop would.
      await new Promise((resolve) => setImmediate(resolve));
    };
    // A minute of market first: σ and the book samples the forecast reads.
    for (let t = 0; t < 60_000; t += STEP_MS) await step();

    const gapMs = o.gapMs ?? 600;
    const maxOrderMs = o.maxOrderMs ?? 90_000;
    const meta = new Map<string, Omit<CalibrationOrderResult, "status" | "p50Bps" | "p90Bps" | "rawP50Bps" | "rawP90Bps" | "realizedBps">>();
    const acceptedAt = new Map<string, number>();
    for (let i = 0; i < o.orders; i++) {
      const now = clock.nowMs();
      const symbol = o.symbols[rng.int(o.symbols.length)]!;
      const side = rng.next() < 0.5 ? "buy" : "sell";
      const policy = CALIBRATION_POLICIES[rng.int(CALIBRATION_POLICIES.length)]!;
      const books = currentBooks(source, symbol).filter((b) => (side === "buy" ? b.asks : b.bids).length > 0);
      if (books.length === 0) {
        // No book to trade against (a replay between passes): let the market go on.
        for (let t = 0; t < gapMs; t += STEP_MS) await step();
        continue;
      }
      const execution: OrderExecution = {};
      if (policy === "pinned") execution.venue = books[rng.int(books.length)]!.venue as VenueId;
      if (policy === "twap") execution.pacing = { numSlices: 3 + rng.int(4), intervalMs: 1_000 + 500 * rng.int(7) };
      const usable = books.filter((b) => !execution.venue || b.venue === execution.venue);
      const topQty = touchQty(usable, side);
      const touches = usable.map((b) => (side === "buy" ? b.asks : b.bids)[0]!);
      const best = side === "buy" ? Math.min(...touches.map((l) => l.price)) : Math.max(...touches.map((l) => l.price));
      const multipleOfTop = logUniform(rng, 0.1, 50);
      const qty = Number((multipleOfTop * topQty).toPrecision(4));
      if (policy === "limit") {
        // A limit 0–15 bps through the touch: some orders fill at once, some wait for the market.
        const through = (rng.next() * 15) / 1e4;
        execution.limitPrice = Number((side === "buy" ? best * (1 + through) : best * (1 - through)).toPrecision(8));
      }
      const forecast = snapshotForecast({ symbol, side, qty, execution, books: currentBooks(source, symbol), observations, calibration: (group) => calibration.current(symbol, group), nowMs: now });
      const id = `ord_cal_${i}`;
      const row: NewOrder = {
        id, deskId: desk.id, keyId: key.id, parentId: null, nodeOrderId: `nod_cal_${i}`, graphId: null, clientRequestId: null, bodyHash: id,
        bodyJson: writeStoredBody({ request: { symbol, side, qty, policy }, nodeId: null, excludeVenues: [], pacing: execution.pacing ?? null, edges: [], forecast }),
        symbol, side, qtyE8: qtyToE8(qty), limitPriceE9: execution.limitPrice === undefined ? null : priceToE9(execution.limitPrice),
        venue: execution.venue ?? null, policy: execution.venue ? "direct" : execution.pacing ? "twap" : "sor", urgency: "medium",
        routerVersion: chooseRouterVersion(id), sandbox: true, createdAtMs: now,
      };
      const { records, killSwitchVersion } = await store.createOrdersFenced([row], [{ orderId: id, event: { kind: "accepted", atMs: now, qtyE8: row.qtyE8 } }]);
      const record = records[0]!;
      journal.track(id, deriveOrder([{ kind: "accepted", atMs: now, qtyE8: record.qtyE8 }]).state, desk.id);
      runner.add(parentFromRecord(record, undefined, now), [], killSwitchVersion);
      runner.start(id, now);
      meta.set(id, { orderId: id, symbol, side, policy, multipleOfTop });
      acceptedAt.set(id, now);
      for (let t = 0; t < gapMs; t += STEP_MS) await step();
      cancelOverdue(runner, acceptedAt, clock.nowMs(), maxOrderMs);
      o.onProgress?.(i + 1, o.orders);
    }
    // Let the last orders finish (or time out).
    for (let t = 0; t < maxOrderMs + 5_000 && runner.size() > 0; t += STEP_MS) {
      await step();
      cancelOverdue(runner, acceptedAt, clock.nowMs(), maxOrderMs);
    }
    await runner.flush();
    runner.stop();
    await journal.flush();

    const ids = [...meta.keys()];
    const tca = await store.getOrderTca(ids);
    const out: CalibrationOrderResult[] = [];
    for (const id of ids) {
      const m = meta.get(id)!;
      const record = await store.getOrder(desk.id, id);
      const f = record ? readStoredBody(record.bodyJson).forecast : null;
      const t = tca.get(id);
      out.push({
        ...m,
        status: t?.status ?? record?.status ?? "UNKNOWN",
        p50Bps: f?.p50Bps ?? null,
        p90Bps: f?.p90Bps ?? null,
        rawP50Bps: f?.rawP50Bps ?? null,
        rawP90Bps: f?.rawP90Bps ?? null,
        realizedBps: t?.realizedBps ?? null,
      });
    }
    return out;
  } finally {
    source.stop();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A cancel is durable on a later step; its outcome shows in the order's final status. */
function cancelOverdue(runner: SandboxRunner, acceptedAt: Map<string, number>, nowMs: number, maxOrderMs: number): void {
  for (const p of runner.working()) {
    const at = acceptedAt.get(p.orderId);
    if (at !== undefined && nowMs - at > maxOrderMs) {
      acceptedAt.delete(p.orderId);
      void runner.requestCancel(p.orderId, nowMs);
    }
  }
}
