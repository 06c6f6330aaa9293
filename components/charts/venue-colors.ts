import type { VenueId } from "@/lib/contracts/common";

/** One fixed colour per venue across all charts; chosen to stay clear of bid green / ask red. */
export const VENUE_COLORS: Record<VenueId, string> = {
  binance: "#d4a017",
  coinbase: "#2563eb",
  kraken: "#7c3aed",
  okx: "#334155",
  bybit: "#ea7a17",
  bitget: "#0891b2",
  cryptocom: "#1e3a8a",
  // Binance's perps in darker golds, so the three Binance markets read as one family.
  "binance-usdm": "#a16207",
  "binance-coinm": "#713f12",
};

export const BID_COLOR = "#059669"; // emerald-600
export const ASK_COLOR = "#e11d48"; // rose-600
