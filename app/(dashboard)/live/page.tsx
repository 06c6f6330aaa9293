import type { Metadata } from "next";
import { LiveIndex } from "@/components/execution/live-index";

export const metadata: Metadata = { title: "Live" };

export default function LivePage() {
  return <LiveIndex />;
}
