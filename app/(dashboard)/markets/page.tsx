import type { Metadata } from "next";
import { Suspense } from "react";
import { MarketsView } from "@/components/execution/markets-view";
import { NbboStripSkeleton } from "@/components/execution/nbbo-strip";

export const metadata: Metadata = { title: "Markets" };

export default function MarketsPage() {
  // MarketsView reads ?symbol= (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<NbboStripSkeleton />}>
      <MarketsView />
    </Suspense>
  );
}
