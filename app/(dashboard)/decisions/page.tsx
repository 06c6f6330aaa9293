import type { Metadata } from "next";
import { Suspense } from "react";
import { DecisionsView } from "@/components/execution/decisions-view";
import { SkeletonRows } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Decisions" };

export default function DecisionsPage() {
  // DecisionsView reads ?node_order_id=&last_n= (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<SkeletonRows rows={6} cols={8} label="Loading" />}>
      <DecisionsView />
    </Suspense>
  );
}
