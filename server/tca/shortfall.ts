/**
 * Implementation shortfall (Perold 1988, "The Implementation Shortfall: Paper versus
 * Reality", Journal of Portfolio Management 14(3)): the paper portfolio trades the whole
 * ordered quantity Q at the decision mid D for free; the real one pays
 *
 *   total = Σᵢ s·qᵢ·(pᵢ − D) + Σᵢ feeᵢ + s·U·(F − D)            (USD, positive = cost)
 *
 * with s = +1 buy / −1 sell, fills (qᵢ, pᵢ, feeᵢ), X = Σqᵢ, U = max(0, Q − X) unfilled,
 * F the final mid. Decomposed (Perold's delay / execution / opportunity split, with the
 * execution part split into spread and impact as in Wagner & Edwards 1993, "Best
 * Execution", FAJ 49(1)) into parts that add up to the total exactly:
 *
 *   delay       = s·X·(A − D)                A = arrival mid at the first child send
 *   spread      = Σᵢ ±qᵢ·hᵢ                 hᵢ = quoted half spread at fill i;
 *                                            + for a taker fill (paid), − for maker (earned)
 *   impact      = Σᵢ s·qᵢ·(pᵢ − A) − spread  everything in the fill prices vs arrival beyond
 *                                            the half spread, reported as
 *       drift     = Σᵢ s·qᵢ·(mᵢ − A)         mid move from arrival to fill (own permanent
 *                                            impact and market drift, not separable here)
 *       temporary = impact − drift           = Σᵢ [s·qᵢ·(pᵢ − mᵢ) − ±qᵢ·hᵢ], the book walk
 *                                            beyond the touch at fill time
 *   fees        = Σᵢ feeᵢ + extraFees
 *   opportunity = s·U·(F − D)
 *
 * delay + spread + impact = Σ s·qᵢ·(pᵢ − D), so the parts sum to the total identically;
 * the total reported IS the sum of the parts (and the bps total the sum of the bps parts),
 * and the test checks it against the paper-vs-real formula above. bps are of the paper
 * notional Q·D. hᵢ comes from the fill, else `defaultHalfSpread`, else 0 (then the whole
 * execution cost shows as impact); mᵢ from the fill's mid series, else A.
 */
import type { MidSample } from "@/server/market-data/observation-store";
import { midAtOrBefore, sortMidsByTime } from "./mid-at";
import { sideSign, type Side, type TcaFill } from "./types";

export interface ShortfallInputs {
  side: Side;
  orderedQty: number;
  /** Paper price: the mid at the decision. */
  decisionMid: number;
  /** Mid at the first child send; the decision mid when omitted (no delay). */
  arrivalMid?: number;
  /** Mid at the end of the order, for the opportunity cost of the unfilled part. */
  finalMid: number;
  fills: readonly Pick<TcaFill, "qty" | "price" | "fee" | "atMs" | "liquidity" | "halfSpread">[];
  /** Mid series for the mid at each fill (impact detail only). */
  mids?: readonly MidSample[];
  /** Half spread used for fills that carry none (e.g. the decision's (ask − bid)/2). */
  defaultHalfSpread?: number;
  /** Fees not carried on the fills (USD). */
  extraFees?: number;
}

export interface ShortfallPart {
  usd: number;
  bps: number;
}

export interface Shortfall {
  delay: ShortfallPart;
  spread: ShortfallPart;
  impact: ShortfallPart & { drift: ShortfallPart; temporary: ShortfallPart };
  fees: ShortfallPart;
  opportunity: ShortfallPart;
  /** delay + spread + impact + fees + opportunity, exactly. */
  total: ShortfallPart;
  orderedQty: number;
  filledQty: number;
  unfilledQty: number;
  /** Q·D, the denominator of every bps figure. */
  paperNotional: number;
}

export function computeShortfall(input: ShortfallInputs): Shortfall {
  const s = sideSign(input.side);
  const D = input.decisionMid;
  const A = input.arrivalMid ?? D;
  const mids = input.mids ? sortMidsByTime(input.mids) : [];
  let filled = 0;
  let execVsArrival = 0;
  let spread = 0;
  let drift = 0;
  let fees = input.extraFees ?? 0;
  for (const f of input.fills) {
    const h = f.halfSpread ?? input.defaultHalfSpread ?? 0;
    const m = midAtOrBefore(mids, f.atMs) ?? A;
    filled += f.qty;
    execVsArrival += s * f.qty * (f.price - A);
    spread += (f.liquidity === "maker" ? -1 : 1) * f.qty * h;
    drift += s * f.qty * (m - A);
    fees += f.fee;
  }
  const unfilled = Math.max(0, input.orderedQty - filled);
  const delay = s * filled * (A - D);
  const impact = execVsArrival - spread;
  const temporary = impact - drift;
  const opportunity = s * unfilled * (input.finalMid - D);
  const paperNotional = input.orderedQty * D;
  const part = (usd: number): ShortfallPart => ({ usd, bps: paperNotional > 0 ? (usd / paperNotional) * 1e4 : 0 });
  const parts = { delay: part(delay), spread: part(spread), impact: part(impact), fees: part(fees), opportunity: part(opportunity) };
  return {
    ...parts,
    impact: { ...parts.impact, drift: part(drift), temporary: part(temporary) },
    total: {
      usd: parts.delay.usd + parts.spread.usd + parts.impact.usd + parts.fees.usd + parts.opportunity.usd,
      bps: parts.delay.bps + parts.spread.bps + parts.impact.bps + parts.fees.bps + parts.opportunity.bps,
    },
    orderedQty: input.orderedQty,
    filledQty: filled,
    unfilledQty: unfilled,
    paperNotional,
  };
}
