import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Review" };

export default function ReviewPage() {
  return (
    <ComingSoon
      title="Review"
      stage="After the order"
      summary="The post-trade review of one order (opened from Orders by its node order id): what happened, why the router chose what it chose, and where the cost came from."
      features={[
        { name: "Timeline", detail: "Every event of the order, from acceptance through routing decisions and fills to completion." },
        { name: "Decision audit", detail: "Why each venue: the counterfactual best venue, selection error, forecast error, policy regret and the router's model version." },
        { name: "Benchmark stack", detail: "Arrival price, interval VWAP, TWAP and markouts after the fills." },
        { name: "TCA breakdown", detail: "Spread, impact, fees, latency and timing components that add up to the total cost." },
      ]}
      endpoints={["GET /v1/execution/review/{node_order_id}"]}
    />
  );
}
