import type { Metadata } from "next";
import { LiveView } from "@/components/execution/live-view";

export const metadata: Metadata = { title: "Live order" };

export default async function LiveOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <LiveView nodeOrderId={decodeURIComponent(id)} />;
}
