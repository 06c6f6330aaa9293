"use client";

import type { Source } from "@/lib/contracts/market";
import { formatAge, formatTimeNs, nsToMs } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { useNow } from "@/components/ui/use-now";

const PATH_TEXT: Record<Source["path"], string> = {
  warm: "served from memory (warm book)",
  stream: "first book from a fresh stream subscription",
  rest_snapshot: "venue REST snapshot (cold start)",
  public_api: "venue public API fallback (cold start)",
};

/** Which market-data source produced the numbers and how they got here. */
export function SourceBadge({ source, testId = "source-badge" }: { source: Source; testId?: string }) {
  return (
    <span
      className="inline-flex items-center gap-1 text-xs"
      data-testid={testId}
      data-market={source.market}
      data-path={source.path}
      title={`Market source: ${source.market}; path: ${PATH_TEXT[source.path]}`}
    >
      <span className="text-slate-500">Source</span>
      <Badge tone={source.market === "live" ? "green" : source.market === "replay" ? "blue" : "neutral"} className="uppercase">
        {source.market}
      </Badge>
      <Badge tone={source.path === "warm" ? "neutral" : "amber"}>{source.path.replace("_", " ")}</Badge>
    </span>
  );
}

/**
 * "as of 14:03:22.123 UTC · 0.4 s old". Age is measured against this browser's clock; if
 * the clocks disagree wildly it falls back to the time since the response arrived.
 */
export function Freshness({
  asOfNs,
  receivedAt,
  staleAfterMs = 5000,
  testId = "freshness",
}: {
  asOfNs: string;
  receivedAt: number;
  staleAfterMs?: number;
  testId?: string;
}) {
  const now = useNow(250);
  const asOfMs = nsToMs(asOfNs);
  const serverAge = asOfMs === null ? null : now - asOfMs;
  const trustServer = serverAge !== null && serverAge > -2000 && serverAge < 3_600_000;
  const age = trustServer ? Math.max(0, serverAge) : Math.max(0, now - receivedAt);
  const stale = age > staleAfterMs;
  return (
    <span className={cx("num text-xs", stale ? "font-medium text-amber-700" : "text-slate-500")} data-testid={testId} data-stale={stale || undefined}>
      as of {formatTimeNs(asOfNs)} · {stale ? "stale, " : ""}
      {trustServer ? `${formatAge(age)} old` : `received ${formatAge(age)} ago`}
    </span>
  );
}
