import type { Metadata } from "next";
import { ComingSoon } from "@/components/ui/coming-soon";

export const metadata: Metadata = { title: "Decisions" };

export default function DecisionsPage() {
  return (
    <ComingSoon
      title="Decisions"
      stage="After the order"
      summary="Every routing decision the smart order router made for the desk, searchable, with the full reasoning stored at the time of the decision."
      features={[
        { name: "Candidates", detail: "The venues considered, and the reason any were excluded (stale book, min size, status)." },
        { name: "Score components", detail: "Per venue: book cost, fee, latency risk and staleness in bps." },
        { name: "Chosen legs", detail: "The quantities sent to each venue and the router version (1–3) that decided." },
        { name: "Outcome", detail: "How the decision compared with the best venue in hindsight." },
      ]}
      endpoints={["GET /v1/execution/decisions"]}
    />
  );
}
