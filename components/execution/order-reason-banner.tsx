import type { OrderView } from "@/lib/contracts/orders";
import { reasonMessage } from "@/lib/reason-messages";
import { cx } from "@/components/ui/cx";

const TONE = {
  refused: { box: "border-rose-300 bg-rose-50 text-rose-900", label: "text-rose-700", code: "bg-rose-100 text-rose-800" },
  system: { box: "border-amber-300 bg-amber-50 text-amber-950", label: "text-amber-800", code: "bg-amber-100 text-amber-900" },
  client: { box: "border-slate-300 bg-slate-50 text-slate-800", label: "text-slate-600", code: "bg-slate-200 text-slate-700" },
} as const;

/**
 * Why a final order did not complete — status, code and words — on Live and Review. Red
 * when the order was refused or failed, amber when the system cancelled it (kill switch),
 * grey when the client did; nothing for a working or completed order.
 */
export function OrderReasonBanner({ order, testId }: { order: OrderView; testId: string }) {
  const code = order.reject_reason;
  if (code === null) return null;
  const refused = order.status === "REJECTED" || order.status === "FAILED";
  const tone = TONE[refused ? "refused" : code === "CLIENT_CANCEL" ? "client" : "system"];
  return (
    <div
      role={refused ? "alert" : "status"}
      data-testid={testId}
      data-status={order.status}
      data-code={code}
      className={cx("flex flex-wrap items-baseline gap-x-2 gap-y-1 rounded-md border px-3 py-2 text-sm", tone.box)}
    >
      <span className={cx("text-xs font-semibold uppercase tracking-wide", tone.label)}>{order.status.toLowerCase()}</span>
      <code className={cx("rounded px-1.5 py-0.5 font-mono text-xs font-semibold", tone.code)}>{code}</code>
      <span>{order.reason_message ?? reasonMessage(code)}</span>
    </div>
  );
}
