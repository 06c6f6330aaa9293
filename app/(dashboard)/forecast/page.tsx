import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Forecast" };

export default function ForecastPage() {
  return (
    <ComingSoon
      title="Forecast"
      stage="Before the order"
      summary="What buying or selling a given size will cost before you send it: the expected and bad-case cost, how sure a fill is at each cost, how cost grows with size, which venue is cheapest once fees and latency are counted, and what waiting would save."
      features={[
        { name: "Cost distribution", detail: "P50 and P90 cost in bps vs mid from recent book states and price moves, corrected by how past forecasts compared with realised costs." },
        { name: "Fill confidence", detail: "Probability of completing the order within each cost level." },
        { name: "Capacity curve", detail: "Cost in bps as the order size grows, to see where the book gets thin." },
        { name: "Cheapest landed venue", detail: "Per venue: book walk + taker fee + latency risk + staleness, ranked." },
        { name: "Urgency trade-off", detail: "Almgren–Chriss trajectories: expected cost and risk of trading now vs over a longer horizon." },
        { name: "Calibration", detail: "How well past forecasts matched realised costs for this symbol." },
      ]}
      endpoints={["GET /v1/execution/forecast"]}
    />
  );
}
