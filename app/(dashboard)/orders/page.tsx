import type { Metadata } from "next";
import { Suspense } from "react";
import { OrdersView } from "@/components/execution/orders-view";
import { SkeletonRows } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Orders" };

export default function OrdersPage() {
  // The ticket can start from ?symbol=&side=&qty=&venue= (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<SkeletonRows rows={4} cols={6} label="Loading" />}>
      <OrdersView />
    </Suspense>
  );
}
