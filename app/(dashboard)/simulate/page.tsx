import type { Metadata } from "next";
import { Suspense } from "react";
import { SimulateView } from "@/components/execution/simulate-view";
import { SkeletonRows } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Simulate" };

export default function SimulatePage() {
  // SimulateView reads the order from the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<SkeletonRows rows={3} cols={6} label="Loading" />}>
      <SimulateView />
    </Suspense>
  );
}
