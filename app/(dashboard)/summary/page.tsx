import type { Metadata } from "next";
import { Suspense } from "react";
import { SummaryView } from "@/components/execution/summary-view";

export const metadata: Metadata = { title: "Summary" };

export default function SummaryPage() {
  // SummaryView keeps its filters in the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading summary…</p>}>
      <SummaryView />
    </Suspense>
  );
}
