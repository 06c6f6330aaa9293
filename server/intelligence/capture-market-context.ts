/**
 * Keeps the market around a finished order (consolidated mids ~1 s apart from 5 s before
 * acceptance to 300 s after its end, and the tape's VWAP and volume over its life), so its
 * review keeps markouts, interval VWAP and TWAP once the in-memory history (an hour of
 * mids, a few thousand prints per venue) has moved on or the process has restarted.
 */
import { deriveOrder, isTerminalStatus, summarizeOrder } from "@/server/execution/order-states";
import type { ObservationStore } from "@/server/market-data/observation-store";
import type { SymbolId, VenueId } from "@/server/market-data/types";
import type { MarketContextRecord, Store } from "@/server/store/port";
import { collectFills } from "@/server/tca/collect-fills";
import { MARKOUT_HORIZONS_MS } from "@/server/tca/markouts";

export const CONTEXT_LEAD_MS = 5_000;
/** The longest markout horizon, plus one sample interval so a mid exists at it. */
export const CONTEXT_TAIL_MS = Math.max(...MARKOUT_HORIZONS_MS) + 1_000;

export interface CaptureDeps {
  store: Store;
  observations: ObservationStore;
  venuesFor(symbol: SymbolId): readonly VenueId[];
}

/** The interval the review's VWAP/TWAP cover for a final order: acceptance to last fill (else its end). */
export function benchmarkWindow(acceptedAtMs: number, lastFillAtMs: number | undefined, updatedAtMs: number): { fromMs: number; toMs: number } {
  return { fromMs: acceptedAtMs, toMs: lastFillAtMs ?? updatedAtMs };
}

/** Writes (or rewrites) the order's context from what memory holds now; false when there is nothing to keep. */
export async function captureMarketContext(deps: CaptureDeps, deskId: string, orderId: string, nowMs: number, source: string): Promise<boolean> {
  const record = await deps.store.getOrder(deskId, orderId);
  if (!record) return false;
  const events = (await deps.store.listOrderEvents(orderId)).map((e) => e.event);
  const summary = summarizeOrder(deriveOrder(events).state);
  if (!isTerminalStatus(summary.status)) return false;
  const { lastFillAtMs } = collectFills(events);
  const window = benchmarkWindow(summary.acceptedAtMs, lastFillAtMs, summary.updatedAtMs);
  const from = summary.acceptedAtMs - CONTEXT_LEAD_MS;
  const to = Math.max(window.toMs, summary.updatedAtMs) + CONTEXT_TAIL_MS;
  const mids = deps.observations.midsBetween(record.symbol, from, to);
  // Memory that no longer reaches back to the order cannot describe it.
  if (mids.length === 0 || mids[0]!.tsMs > summary.acceptedAtMs) return false;
  // The tape ring holds minutes, the mid ring an hour: a later rewrite (to add the 300 s
  // markout) keeps the VWAP taken while the order's prints were still all in memory.
  const earlier = await deps.store.getMarketContext(orderId);
  const tape = earlier && earlier.vwapFromMs === window.fromMs && earlier.vwapToMs === window.toMs ? earlier : tapeVwap(deps, record.symbol, window);
  const context: MarketContextRecord = {
    orderId,
    mids: mids.map((m) => ({ tsMs: m.tsMs, mid: m.mid })),
    vwap: tape.vwap,
    tapeQty: tape.tapeQty,
    vwapFromMs: window.fromMs,
    vwapToMs: window.toMs,
    source,
    recordedAtMs: nowMs,
  };
  await deps.store.putMarketContext(context);
  return true;
}

/**
 * VWAP of every venue's prints in the window; null when there were none, or when some
 * venue's retained tape starts inside the window (its earlier prints are gone, so a VWAP
 * would be silently partial).
 */
function tapeVwap(deps: CaptureDeps, symbol: SymbolId, window: { fromMs: number; toMs: number }): { vwap: number | null; tapeQty: number } {
  let qty = 0;
  let pq = 0;
  for (const v of deps.venuesFor(symbol)) {
    const oldest = deps.observations.oldestTrade(symbol, v);
    if (oldest && oldest.tsMs > window.fromMs) return { vwap: null, tapeQty: 0 };
    for (const t of deps.observations.tradesBetween(symbol, v, window.fromMs, window.toMs)) {
      if (!(t.qty > 0)) continue;
      qty += t.qty;
      pq += t.qty * t.price;
    }
  }
  return { vwap: qty > 0 ? pq / qty : null, tapeQty: qty };
}
