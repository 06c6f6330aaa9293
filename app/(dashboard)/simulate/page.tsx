import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Simulate" };

export default function SimulatePage() {
  return (
    <ComingSoon
      title="Simulate"
      stage="Before the order"
      summary="Run the very order you are about to send through the sandbox engine on simulated market paths, and compare how an aggressive, a passive and a split execution would have done."
      features={[
        { name: "Strategy comparison", detail: "Aggressive vs passive vs split: expected cost, spread of outcomes and completion rate side by side." },
        { name: "Fill timeline", detail: "How fills accumulate over time for each strategy, including partial and missed passive fills." },
        { name: "Venue allocation", detail: "Where the smart order router would send each slice, and why." },
        { name: "Same engine as trading", detail: "Queue-aware matching, latency and rejects exactly as the sandbox applies them to real orders." },
      ]}
      endpoints={["GET /v1/execution/simulate"]}
    />
  );
}
