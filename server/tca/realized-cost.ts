/**
 * Realized all-in cost of the filled part, on the same basis as the pre-trade forecast
 * (server/cost: book + fee vs the reference mid, bps of mid, positive = worse):
 *
 *   realized = (Σᵢ s·qᵢ·(pᵢ − M) + Σᵢ feeᵢ) / (Σᵢ qᵢ · M) · 1e4
 *
 * with M the reference mid the forecast was made against (the decision mid). This is the
 * "realized" of a ForecastOutcome; the unfilled part's opportunity cost is not in it (the
 * forecast prices filling, not missing). Undefined without fills or a positive mid.
 */
import { sideSign, type Side, type TcaFill } from "./types";

export function computeRealizedCostBps(side: Side, fills: readonly Pick<TcaFill, "qty" | "price" | "fee">[], referenceMid: number | null | undefined): number | undefined {
  if (referenceMid === null || referenceMid === undefined || !(referenceMid > 0)) return undefined;
  const s = sideSign(side);
  let qty = 0;
  let cost = 0;
  for (const f of fills) {
    qty += f.qty;
    cost += s * f.qty * (f.price - referenceMid) + f.fee;
  }
  return qty > 0 ? (cost / (qty * referenceMid)) * 1e4 : undefined;
}
