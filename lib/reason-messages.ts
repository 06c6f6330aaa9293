/**
 * Why an order did not complete, as the API's `reject_reason` code and the words the API
 * (`reason_message`) and the dashboard show for it. One table, browser-safe, so a code
 * reads the same in a JSON answer, on Live, on Review and in the blotter.
 *
 * The codes are the server's closed set of stored reasons (server/execution/
 * order-reject-reasons.ts; a compile-time check there keeps the two equal) plus
 * CLIENT_CANCEL, which is never stored: a client's cancel is logged without a reason, and
 * the view names it so that every CANCELLED order answers "why".
 */
export const REASON_MESSAGES = {
  // The venue refused a child order (matching engine reasons).
  EXCHANGE_REJECT: "The venue rejected the order.",
  EXCHANGE_BUSY: "The venue was too busy to accept the order.",
  POST_ONLY_WOULD_CROSS: "A post-only order would have crossed the book, so the venue refused it.",
  BELOW_MIN_SIZE: "The quantity is below the venue's minimum order size.",
  INVALID_QTY: "The venue refused the quantity (lot size or limits).",
  INVALID_PRICE: "The venue refused the price (tick size or price band).",
  UNKNOWN_INSTRUMENT: "The venue does not trade this instrument.",
  // Our own checks before and while routing.
  INSUFFICIENT_BALANCE: "The account's balance does not cover the order.",
  BAD_VENUE: "The requested venue cannot take this order.",
  STALE_VENUE: "The venue's market data was too old to route to it safely.",
  PRICE_DEVIATION: "The price is too far from the market.",
  POSITION_LIMIT: "The order would exceed the desk's position limit.",
  KILL_SWITCH: "The desk's kill switch was engaged: working orders were cancelled and new ones refused.",
  LIVE_TRADING_UNAVAILABLE: "Live trading is not available on this deployment (no venue trading credentials).",
  NO_LIQUIDITY: "No venue offered anything to take within the order's reach for 10 s, so the market order was stopped.",
  // What can stop an order after it was accepted.
  RESTART_INTERRUPTED: "The service restarted while this graph node waited for its trigger; it was stopped because the trigger may have fired unseen.",
  STORE_UNAVAILABLE: "The order store could not record the order's progress, so the order was stopped rather than worked unrecorded.",
  INTERNAL_ERROR: "An internal error stopped the order while it was being worked.",
  GRAPH_TRIGGER_UNMET: "Its graph trigger can no longer fire: every node it waited on ended without triggering it, so it was cancelled without running.",
  // Derived in the view, never stored.
  CLIENT_CANCEL: "Cancelled at the client's request.",
} as const satisfies Record<string, string>;

export type ReasonCode = keyof typeof REASON_MESSAGES;

export const REASON_CODES = Object.keys(REASON_MESSAGES) as [ReasonCode, ...ReasonCode[]];

/**
 * The note on an order that completed short by dust: `dust` is the quantity as text (exact,
 * e.g. "0.000004"), `base` the asset. Dust is not a failure, so it is a note, not a reason code.
 */
export function dustNote(dust: string, base: string): string {
  return `${dust} ${base} was left unfilled: below every allowed venue's minimum order size, so no venue would take it and the order completed without it.`;
}

/** The words for a code; a code this build does not know (a newer server) is shown as itself. */
export function reasonMessage(code: string): string {
  return Object.hasOwn(REASON_MESSAGES, code) ? REASON_MESSAGES[code as ReasonCode] : code.replace(/_/g, " ").toLowerCase();
}
