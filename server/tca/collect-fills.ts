/**
 * The order log's fills in TCA units: fixed-point E8/E9 converted once to human floats
 * (lib/units.ts), duplicates by fill id dropped (as deriveOrder does), each fill tagged
 * with the routing decision of the child that produced it. Also the first child send —
 * the arrival time of the shortfall's delay part — and the book mid recorded with it,
 * the order's arrival mid (lib/execution-figures.ts).
 */
import { e8ToQty, e9ToPrice } from "@/lib/units";
import type { OrderEvent } from "@/server/execution/order-events";
import type { TcaFill } from "./types";

export interface CollectedFills {
  fills: TcaFill[];
  firstChildSentAtMs: number | undefined;
  /** Mid recorded with the first child_sent in the log (older logs have none). */
  firstChildSentMid: number | undefined;
  lastFillAtMs: number | undefined;
}

export function collectFills(events: readonly OrderEvent[]): CollectedFills {
  const decisionOf = new Map<string, string | null>();
  const seen = new Set<string>();
  const fills: TcaFill[] = [];
  let firstChildSentAtMs: number | undefined;
  let firstChildSentMid: number | undefined;
  let sentAny = false;
  let lastFillAtMs: number | undefined;
  for (const e of events) {
    if (e.kind === "child_sent") {
      decisionOf.set(e.childId, e.decisionId);
      if (!sentAny && e.midE9 !== undefined && e.midE9 !== null) firstChildSentMid = e9ToPrice(e.midE9);
      sentAny = true;
      firstChildSentAtMs = firstChildSentAtMs === undefined ? e.atMs : Math.min(firstChildSentAtMs, e.atMs);
    } else if (e.kind === "fill" && !seen.has(e.fillId)) {
      seen.add(e.fillId);
      fills.push({
        qty: e8ToQty(e.qtyE8),
        price: e9ToPrice(e.priceE9),
        fee: e9ToPrice(e.feeE9),
        venue: e.venue,
        atMs: e.atMs,
        liquidity: e.liquidity,
        decisionId: decisionOf.get(e.childId) ?? null,
      });
      lastFillAtMs = lastFillAtMs === undefined ? e.atMs : Math.max(lastFillAtMs, e.atMs);
    }
  }
  return { fills, firstChildSentAtMs, firstChildSentMid, lastFillAtMs };
}
