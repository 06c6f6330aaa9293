/**
 * The reason an order view shows: the stored code of a REJECTED, FAILED or system-CANCELLED
 * order, CLIENT_CANCEL for a cancel the client asked for (logged without a reason), and
 * nothing while the order works or once it completed.
 */
import { REASON_MESSAGES, type ReasonCode } from "@/lib/reason-messages";
import type { OrderRejectReason, OrderStatus } from "@/server/execution/order-states";

// Both directions at compile time: every stored code has words, and the table holds no code
// the server cannot store except the one the view derives.
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const STORED_CODES_MATCH_TABLE: Equal<OrderRejectReason | "CLIENT_CANCEL", ReasonCode> = true;
void STORED_CODES_MATCH_TABLE;

export interface OrderReason {
  code: ReasonCode;
  message: string;
}

export function deriveOrderReason(status: OrderStatus, stored: OrderRejectReason | null): OrderReason | null {
  let code: ReasonCode | null;
  if (status === "CANCELLED") code = stored ?? "CLIENT_CANCEL";
  // Every REJECTED and FAILED log carries a code (the codec reads one from old failure texts).
  else if (status === "REJECTED" || status === "FAILED") code = stored ?? "INTERNAL_ERROR";
  else code = null;
  return code === null ? null : { code, message: REASON_MESSAGES[code] };
}
