import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Summary" };

export default function SummaryPage() {
  return (
    <ComingSoon
      title="Summary"
      stage="After the order"
      summary="The desk's execution quality over time: orders rolled up by day, symbol and venue, so a desk lead can see where costs are drifting and which venues earn their flow."
      features={[
        { name: "By day", detail: "Notional traded, order count and average cost vs arrival in bps." },
        { name: "By symbol", detail: "Cost and fill rate per symbol, against the forecasts made before each order." },
        { name: "By venue", detail: "Share of flow, realised cost, markouts and reject rate per venue." },
        { name: "Forecast calibration", detail: "How often realised cost fell within the forecast P50/P90." },
      ]}
      endpoints={["GET /v1/execution/summary"]}
    />
  );
}
