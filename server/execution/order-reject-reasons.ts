/**
 * Why an order (or one of its child orders) was refused or stopped: a closed set, so the
 * API, the dashboard and the stored order log all speak the same codes. It extends the
 * matching engine's venue-side reasons with the checks we make ourselves before and while
 * routing (balances and limits, venue health, price sanity, liquidity, the desk's kill
 * switch) and with what can stop an order we accepted (a restart, the store, a bug).
 * BELOW_MIN_SIZE is already an engine reason, so it is listed once, there.
 */
import { REJECT_REASONS } from "./types";

export const ORDER_REJECT_REASONS = [
  ...REJECT_REASONS,
  "INSUFFICIENT_BALANCE",
  "BAD_VENUE",
  "STALE_VENUE",
  "PRICE_DEVIATION",
  "POSITION_LIMIT",
  "KILL_SWITCH",
  "LIVE_TRADING_UNAVAILABLE",
  "NO_LIQUIDITY",
  /** A graph node still waiting for its trigger when the process restarted. */
  "RESTART_INTERRUPTED",
  /** A write to the order store failed, so the order was stopped rather than worked unrecorded. */
  "STORE_UNAVAILABLE",
  /** The runner threw while working the order. */
  "INTERNAL_ERROR",
  /** A graph node whose sources all ended without firing its trigger: cancelled, never run. */
  "GRAPH_TRIGGER_UNMET",
] as const;
export type OrderRejectReason = (typeof ORDER_REJECT_REASONS)[number];

export function isOrderRejectReason(value: string): value is OrderRejectReason {
  return (ORDER_REJECT_REASONS as readonly string[]).includes(value);
}

/**
 * The code of a `failed` event written before failures carried one: those logs hold only
 * the operator text, which was either a code already or the restart-recovery sentence.
 * Anything else was an unclassified failure.
 */
export function reasonOfFailureText(text: string | null): OrderRejectReason {
  if (text === null) return "INTERNAL_ERROR";
  if (isOrderRejectReason(text)) return text;
  if (text.startsWith("interrupted by a restart")) return "RESTART_INTERRUPTED";
  return "INTERNAL_ERROR";
}
