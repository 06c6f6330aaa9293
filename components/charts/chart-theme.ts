/** Shared styling for the pre-trade charts, matching the depth chart. */
export const AXIS_TICK = { fontSize: 11, fill: "#64748b" } as const;
export const GRID_STROKE = "#e2e8f0";
export const AXIS_LINE = { stroke: "#cbd5e1" } as const;

/** P50 (expected) and P90 (downside) everywhere: dark slate and amber. */
export const P50_COLOR = "#0f172a";
export const P90_COLOR = "#d97706";
export const P90_BAND = "#fbbf24";
export const ORDER_COLOR = "#0284c7";
export const RISK_COLOR = "#d97706";
export const SAVINGS_COLOR = "#059669";

/** Landed-cost parts, in stacking order. */
export const COST_PART_COLORS = {
  book: "#475569",
  fee: "#0ea5e9",
  latency: "#8b5cf6",
  staleness: "#f59e0b",
} as const;

export const TOOLTIP_BOX = "min-w-44 rounded border border-slate-200 bg-white px-3 py-2 text-xs shadow-md";
