"use client";

import type { VenueFeedStatus } from "@/lib/contracts/market-status";
import { formatAge, formatDateTimeNs, MISSING } from "@/lib/format";
import { useMarketStatus } from "@/lib/queries/market-status";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/states";
import { TH, TD } from "@/components/ui/table-cells";

const STATE_TONE: Record<VenueFeedStatus["state"], BadgeTone> = {
  ok: "green",
  stale: "amber",
  resyncing: "amber",
  connecting: "neutral",
  reconnecting: "amber",
  down: "red",
};

const count = (n: number | null) => (n === null ? MISSING : n.toLocaleString("en-US"));

/** Per-venue feed health of the running market source (GET /v1/market). */
export function MarketFeedsPanel() {
  const status = useMarketStatus();
  const data = status.data;
  const replay = data?.replay;
  return (
    <div id="feeds">
      <Panel
        title="Market data feeds"
        subtitle={data ? `${data.source} source · stale after ${formatAge(data.stale_after_ms)}` : undefined}
        testId="feeds-panel"
      >
        {status.isError && !data ? (
          <ErrorState error={status.error} title="Could not load the feed status" onRetry={() => void status.refetch()} compact />
        ) : !data ? (
          <SkeletonRows rows={4} cols={8} label="Loading feed status" />
        ) : (
          <>
            {replay && (
              <p className="num border-b border-slate-100 px-3 py-2 text-xs text-slate-600" data-testid="replay-status">
                Replaying {replay.files.length} recorded file{replay.files.length === 1 ? "" : "s"} at {replay.speed}× · now at{" "}
                <span className="font-medium text-slate-900">{formatDateTimeNs(replay.recorded_at_ns)}</span> (recording{" "}
                {formatDateTimeNs(replay.recorded_start_ns)} – {formatDateTimeNs(replay.recorded_end_ns)}) ·{" "}
                {replay.finished ? "finished" : `${Math.round(replay.progress * 100)}% of pass ${replay.loops + 1}`}
                {replay.loop ? " · loops" : ""}
              </p>
            )}
            <table className="num w-full border-collapse text-xs" data-testid="feeds-table">
              <thead className="border-b border-slate-200 bg-slate-50">
                <tr>
                  <th className={cx(TH, "text-left")}>Venue</th>
                  <th className={cx(TH, "text-left")}>Market</th>
                  <th className={cx(TH, "text-left")}>State</th>
                  <th className={cx(TH, "text-left")}>Books (age)</th>
                  <th className={cx(TH, "text-right")} title="Venue messages applied">
                    Messages
                  </th>
                  <th className={cx(TH, "text-right")} title="Sequence gaps detected (each triggers a resync)">
                    Gaps
                  </th>
                  <th className={cx(TH, "text-right")}>Resyncs</th>
                  <th className={cx(TH, "text-right")}>Reconnects</th>
                  <th className={cx(TH, "text-left")}>Last error</th>
                </tr>
              </thead>
              <tbody>
                {data.venues.map((v) => (
                  <tr key={v.venue} className="border-b border-slate-100 last:border-b-0" data-testid={`feed-row-${v.venue}`} data-state={v.state}>
                    <td className={cx(TD, "font-medium text-slate-900")}>{v.name}</td>
                    <td className={cx(TD, "text-slate-600")}>
                      {v.market_type} · {v.quote}
                    </td>
                    <td className={TD}>
                      <Badge tone={STATE_TONE[v.state]}>{v.state}</Badge>
                    </td>
                    <td className={cx(TD, "text-slate-600")}>
                      {v.books.length === 0
                        ? "not subscribed"
                        : v.books.map((b) => `${b.symbol} ${b.resyncing ? "resyncing" : b.age_ms === null ? "no book" : formatAge(b.age_ms)}`).join(" · ")}
                    </td>
                    <td className={cx(TD, "text-right")}>{count(v.messages)}</td>
                    <td className={cx(TD, "text-right", v.gaps ? "font-semibold text-amber-700" : "")}>{count(v.gaps)}</td>
                    <td className={cx(TD, "text-right")}>{count(v.resyncs)}</td>
                    <td className={cx(TD, "text-right")}>{count(v.reconnects)}</td>
                    <td className={cx(TD, "max-w-64 truncate text-slate-500")} title={v.last_error ?? undefined}>
                      {v.last_error ?? MISSING}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Panel>
    </div>
  );
}
