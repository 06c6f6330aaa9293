import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Live" };

export default function LivePage() {
  return (
    <ComingSoon
      title="Live"
      stage="During the order"
      summary="A streaming monitor for one working order (opened from Orders by its node order id): fills as they happen, cost so far against the forecast, and advice while there is still time to act."
      features={[
        { name: "Fills and progress", detail: "Each fill with venue, price and size; filled vs ordered; ahead of or behind schedule." },
        { name: "In-flight TCA", detail: "Implementation shortfall so far in bps, against the pre-trade P50/P90 band." },
        { name: "Venue health", detail: "Book age, rejects and latency per venue the order is using." },
        { name: "Advice", detail: "Reroute and aggressiveness suggestions from the router, with the reason." },
      ]}
      endpoints={["GET /v1/execution/live/{node_order_id}"]}
      note="Updates are streamed from the server (server-sent events) rather than polled."
    />
  );
}
