import type { Metadata } from "next";
import { ReviewView } from "@/components/execution/review-view";

export const metadata: Metadata = { title: "Order review" };

export default async function ReviewOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ReviewView id={decodeURIComponent(id)} />;
}
