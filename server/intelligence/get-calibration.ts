import type { CalibrationBucketView, CalibrationQuery, CalibrationResponse } from "@/lib/contracts/calibration";
import type { Principal } from "@/server/auth/principal";
import type { Core } from "@/server/core";
import { msToNs } from "@/server/shared/clock";
import { bucketForecasts, MIN_JUDGED_BUCKET, P50_TARGET, P90_TARGET, type CalibrationBucket } from "@/server/tca/calibration-record-buckets";

/** Enough rows for a busy desk's month; the newest are kept. */
const MAX_OUTCOMES = 50_000;

/**
 * GET /v1/execution/calibration: the desk's completed orders over the last `days`, forecast
 * (as stored and shown) against realized cost, per size bucket and per policy — the
 * calibration group each forecast was made in (server/cost/calibration-group.ts).
 */
export async function getCalibration(core: Core, principal: Principal, query: CalibrationQuery): Promise<CalibrationResponse> {
  const nowMs = core.clock.nowMs();
  const outcomes = await core.store.listCalibrationOutcomes(nowMs - query.days * 86_400_000, MAX_OUTCOMES, principal.deskId);
  const rows = outcomes.map((o) => {
    const [policy, size] = (o.calibrationGroup ?? "").split("|");
    return { p50Bps: o.forecastP50Bps, p90Bps: o.forecastP90Bps, realizedBps: o.realizedBps, policy: policy || "unrecorded", size: size || "unrecorded" };
  });
  return {
    days: query.days,
    orders: rows.length,
    targets: { p50: { ...P50_TARGET }, p90: { ...P90_TARGET }, min_orders: MIN_JUDGED_BUCKET },
    by_size: bucketForecasts(rows, (r) => r.size).map(toView),
    by_policy: bucketForecasts(rows, (r) => r.policy).map(toView),
    generated_at_ns: msToNs(nowMs).toString(),
  };
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

function toView(b: CalibrationBucket): CalibrationBucketView {
  const proportion = (p: CalibrationBucket["withinP50"]) => ({ within: p.k, share: finite(p.share), low: p.low, high: p.high });
  return {
    key: b.key,
    orders: b.count,
    within_p50: proportion(b.withinP50),
    within_p90: proportion(b.withinP90),
    predicted_p50_mean_bps: finite(b.predictedP50Mean),
    predicted_p90_mean_bps: finite(b.predictedP90Mean),
    realized_mean_bps: finite(b.realized.mean),
    realized_low_bps: finite(b.realized.low),
    realized_high_bps: finite(b.realized.high),
    meets_target: b.meetsTarget ?? null,
  };
}
