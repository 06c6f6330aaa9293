import type { SummaryQuery } from "@/lib/contracts/summary";
import { formatScaled, qtyToE8 } from "@/lib/units";
import type { Principal } from "@/server/auth/principal";
import { dustQtyE8 } from "@/server/execution/order-states";
import type { Core } from "@/server/core";
import { figuresOfTcaRow } from "./figures-of-tca-row";
import { resolveSummaryScope } from "./get-summary";

const COLUMNS = [
  "order_id", "node_order_id", "created_at_utc", "symbol", "side", "qty", "filled_qty", "dust_qty", "avg_price", "fees_usd", "status",
  "router_version", "arrival_mid", "forecast_p50_bps", "forecast_p90_bps", "realized_cost_bps", "within_p90",
  "realized_cost_usd", "vs_forecast_bps",
] as const;

/**
 * The summary's orders with their TCA as CSV (RFC 4180 quoting), for a spreadsheet: the
 * roll-up's per-order rows, the same rows the summary's figures are summed from; arrival,
 * realized cost and vs-forecast by the definitions of lib/execution-figures.ts. dust_qty is
 * the order view's figure (dustQtyE8), exact to 1e-8. New columns go at the end so existing
 * spreadsheets keep their column positions.
 */
export async function summaryCsv(core: Core, principal: Principal, q: SummaryQuery): Promise<Response> {
  const { scope, start, end } = resolveSummaryScope(core, principal, q);
  const rows = await core.store.listOrderTca(scope);
  const lines = [COLUMNS.join(",")];
  for (const r of rows) {
    const f = figuresOfTcaRow(r);
    lines.push(
      [
        r.orderId, r.nodeOrderId, new Date(r.createdAtMs).toISOString(), r.symbol, r.side,
        r.qty, r.filled, formatScaled(dustQtyE8(r.status, qtyToE8(r.qty), r.filledE8), 8), r.avgPrice ?? "", r.fees, r.status,
        r.routerVersion ?? "", f.arrivalMid ?? "", r.forecastP50Bps ?? "", r.forecastP90Bps ?? "", f.realizedCostBps ?? "",
        r.realizedBps !== null && r.forecastP90Bps !== null ? String(r.realizedBps <= r.forecastP90Bps) : "",
        f.realizedCostUsd ?? "", f.vsForecastBps ?? "",
      ]
        .map(csvField)
        .join(","),
    );
  }
  return new Response(lines.join("\r\n") + "\r\n", {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="execution-summary_${start}_${end}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
