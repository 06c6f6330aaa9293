"use client";

import type { CalibrationBucketView, CalibrationResponse } from "@/lib/contracts/calibration";
import { useCalibration } from "@/lib/queries/calibration";
import { formatBps } from "@/lib/format";
import { CalibrationBucketsChart } from "@/components/charts/calibration-buckets-chart";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { TD, TH } from "@/components/ui/table-cells";

const pct = (x: number | null) => (x === null ? "—" : `${(100 * x).toFixed(1)}%`);
const interval = (p: CalibrationBucketView["within_p90"]) => `${pct(p.share)} [${pct(p.low)}, ${pct(p.high)}]`;

/** Summary's calibration panel: predicted vs realized by size bucket, coverage per policy (last 30 days). */
export function SummaryCalibrationPanel() {
  const q = useCalibration(30);
  return (
    <Panel title="Forecast calibration by size and policy" subtitle="the desk's completed orders, last 30 days · 95% intervals" testId="calibration-panel">
      {q.error && !q.data ? (
        <ErrorState error={q.error} />
      ) : !q.data ? (
        <Skeleton className="h-48" />
      ) : q.data.orders === 0 ? (
        <EmptyState title="No completed orders with a forecast yet" />
      ) : (
        <CalibrationBody data={q.data} />
      )}
    </Panel>
  );
}

function CalibrationBody({ data }: { data: CalibrationResponse }) {
  const t = data.targets;
  return (
    <div className="grid grid-cols-1 gap-3 p-2 xl:grid-cols-2">
      <CalibrationBucketsChart buckets={data.by_size} />
      <table className="w-full text-xs" data-testid="calibration-policy-table">
        <thead>
          <tr>
            <th className={TH}>policy</th>
            <th className={`${TH} text-right`}>orders</th>
            <th className={`${TH} text-right`}>≤ P50 (target {t.p50.low * 100}–{t.p50.high * 100}%)</th>
            <th className={`${TH} text-right`}>≤ P90 (target {t.p90.low * 100}–{t.p90.high * 100}%)</th>
            <th className={`${TH} text-right`}>P50 vs realized</th>
            <th className={TH} />
          </tr>
        </thead>
        <tbody>
          {data.by_policy.map((b) => (
            <tr key={b.key} className="border-t border-slate-100" data-policy={b.key}>
              <td className={TD}>{b.key}</td>
              <td className={`${TD} num text-right`}>{b.orders}</td>
              <td className={`${TD} num text-right`}>{interval(b.within_p50)}</td>
              <td className={`${TD} num text-right`}>{interval(b.within_p90)}</td>
              <td className={`${TD} num text-right`}>
                {formatBps(b.predicted_p50_mean_bps)} / {formatBps(b.realized_mean_bps)}
              </td>
              <td className={TD}>
                {b.meets_target === null ? (
                  <Badge tone="neutral">{`n < ${t.min_orders}`}</Badge>
                ) : b.meets_target ? (
                  <Badge tone="green">on target</Badge>
                ) : (
                  <Badge tone="red">off target</Badge>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
