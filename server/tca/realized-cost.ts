/**
 * Realized all-in cost of the filled part, on the same basis as the pre-trade forecast
 * (book + fee, bps of the reference mid, positive = worse). The definition lives in
 * lib/execution-figures.ts (realizedCost); this keeps the TCA engine's bps-only call.
 */
import { realizedCost } from "@/lib/execution-figures";
import type { Side, TcaFill } from "./types";

export function computeRealizedCostBps(side: Side, fills: readonly Pick<TcaFill, "qty" | "price" | "fee">[], referenceMid: number | null | undefined): number | undefined {
  return realizedCost(side, fills, referenceMid)?.bps;
}
