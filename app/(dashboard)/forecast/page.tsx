import type { Metadata } from "next";
import { Suspense } from "react";
import { ForecastKpisSkeleton } from "@/components/execution/forecast-kpis";
import { ForecastView } from "@/components/execution/forecast-view";

export const metadata: Metadata = { title: "Forecast" };

export default function ForecastPage() {
  // ForecastView reads the order from the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<ForecastKpisSkeleton />}>
      <ForecastView />
    </Suspense>
  );
}
