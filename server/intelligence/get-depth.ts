import type { DepthResponse } from "@/lib/contracts/market";
import { DEFAULT_BANDS_BPS } from "@/lib/contracts/market";
import type { Core } from "@/server/core";
import { noTwoSidedMarket } from "@/server/http/api-error";
import { computeDepth, type DepthBand } from "@/server/market-data/depth";
import { msToNs } from "@/server/shared/clock";
import { loadBooks } from "./load-books";

/** Bid/ask quantity and USD notional within each bps band of the consolidated mid. */
export async function getDepth(core: Core, symbol: string, bands: number[] = DEFAULT_BANDS_BPS): Promise<DepthResponse> {
  const { books, source, nowMs } = await loadBooks(core, symbol, "symbol");
  const profile = computeDepth(books, bands);
  if (profile.mid === undefined) {
    throw noTwoSidedMarket(symbol);
  }
  const venues: DepthResponse["venues"] = {};
  for (const v of profile.venues) venues[v.venue] = { bands: v.bands.map(toBand) };
  return {
    symbol,
    mid: profile.mid,
    bands_bps: profile.bandsBps.slice(),
    venues,
    consolidated: { bands: profile.consolidated.map(toBand) },
    source,
    as_of_ns: msToNs(nowMs).toString(),
  };
}

function toBand(b: DepthBand) {
  return { band_bps: b.bps, bid_qty: b.bidQty, ask_qty: b.askQty, bid_notional_usd: b.bidUsd, ask_notional_usd: b.askUsd };
}
