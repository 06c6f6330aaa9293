import type { SummaryQuery } from "@/lib/contracts/summary";
import { e8ToQty, e9ToPrice } from "@/lib/units";
import type { Principal } from "@/server/auth/principal";
import type { Core } from "@/server/core";
import { loadSummaryRows } from "./get-summary";

const COLUMNS = [
  "order_id", "node_order_id", "created_at_utc", "symbol", "side", "qty", "filled_qty", "avg_price", "fees_usd", "status",
  "router_version", "arrival_mid", "forecast_p50_bps", "forecast_p90_bps", "realized_cost_bps", "within_p90",
] as const;

/** The summary's orders with their TCA as CSV (RFC 4180 quoting), for a spreadsheet. */
export async function summaryCsv(core: Core, principal: Principal, q: SummaryQuery): Promise<Response> {
  const { rows, start, end } = await loadSummaryRows(core, principal, q);
  const lines = [COLUMNS.join(",")];
  for (const r of rows) {
    const s = r.summary;
    lines.push(
      [
        r.record.id, r.record.nodeOrderId, new Date(r.record.createdAtMs).toISOString(), r.record.symbol, r.record.side,
        e8ToQty(s.qtyE8), e8ToQty(s.filledE8), s.avgPriceE9 === null ? "" : e9ToPrice(s.avgPriceE9), e9ToPrice(s.feesE9), s.status,
        r.record.routerVersion ?? "", r.arrivalMid ?? "", r.forecastP50 ?? "", r.forecastP90 ?? "", r.realizedBps ?? "",
        r.realizedBps !== null && r.forecastP90 !== null ? String(r.realizedBps <= r.forecastP90) : "",
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
