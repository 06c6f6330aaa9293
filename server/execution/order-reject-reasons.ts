/**
 * Why an order (or one of its child orders) was refused: a closed set, so the API, the
 * dashboard and the stored order log all speak the same codes. It extends the matching
 * engine's venue-side reasons with the checks we make ourselves before and while routing
 * (balances and limits, venue health, price sanity, liquidity, the desk's kill switch).
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
] as const;
export type OrderRejectReason = (typeof ORDER_REJECT_REASONS)[number];

export function isOrderRejectReason(value: string): value is OrderRejectReason {
  return (ORDER_REJECT_REASONS as readonly string[]).includes(value);
}
