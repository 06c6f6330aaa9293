import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Orders" };

export default function OrdersPage() {
  return (
    <ComingSoon
      title="Orders"
      stage="During the order"
      summary="Send orders through the smart order router and follow them: a simple order or a graph of nodes (a TWAP expands into slices), with every routed node getting its own id that the Live and Review pages open."
      features={[
        { name: "Order ticket", detail: "Symbol, side, quantity and strategy, with a pre-trade forecast shown before you submit. Sandbox keys fill by simulation." },
        { name: "Order blotter", detail: "Your desk's orders with state (accepted, running, paused, completed, cancelled, rejected, failed), filled quantity and average price." },
        { name: "Controls", detail: "Pause, resume and cancel; the desk kill switch for leads." },
        { name: "Idempotent submits", detail: "A client key per order so a retried submit never creates a duplicate." },
      ]}
      endpoints={["POST /v1/orders"]}
    />
  );
}
