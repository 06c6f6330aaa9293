import type { Metadata } from "next";
import { ReviewIndex } from "@/components/execution/review-index";

export const metadata: Metadata = { title: "Review" };

export default function ReviewPage() {
  return <ReviewIndex />;
}
