import type { OrderView } from "@/lib/contracts/orders";

/**
 * A completed order that left dust (a remainder below every allowed venue's minimum order
 * size) says so on Live and Review, with the quantity; nothing for any other order.
 */
export function OrderDustNote({ order, testId }: { order: OrderView; testId: string }) {
  if (order.dust_note === null) return null;
  return (
    <div role="status" data-testid={testId} data-dust-qty={order.dust_qty} className="rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-800">
      <span className="mr-2 text-xs font-semibold uppercase tracking-wide text-slate-600">dust</span>
      {order.dust_note}
    </div>
  );
}
