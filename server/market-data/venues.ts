/**
 * Venue registry: fees, latency, status and instrument specs for the seven spot venues and
 * the two Binance perpetuals (USD-M and COIN-M) that recordings and live feeds add.
 *
 * Sources and honesty notes:
 * - Fees are spot maker/taker in bps from each venue's public schedule; the page and the
 *   date it was read are cited per venue. Tier thresholds are 30-day USD volume; several
 *   venues also qualify tiers by balances or a house token, which is left out. Where a
 *   figure could not be confirmed it says so. Venues change these; a deployment that
 *   trades real money should refresh them.
 * - Latency is order-acknowledgement round trip from a client in the venue's main cloud
 *   region (not co-located). These are ESTIMATES from venues' published matching-engine
 *   locations and community measurements, not figures measured by this project.
 * - Instrument specs (tick, lot, minimums) are representative of each venue's public
 *   instrument endpoint (exchangeInfo, products, AssetPairs, instruments, ...) in 2025.
 *   USDT-quoted books stand in for -USD on venues whose main book is USDT.
 * - Symbol mapping: a venue symbol maps to our instrument id through
 *   `instruments[*].venueSymbol`. Spot books map to the spot instrument (BTCUSDT <-> BTC-USD:
 *   the USDT quote family stands in for USD); perpetuals map to the perp instrument
 *   (binance-usdm BTCUSDT and binance-coinm BTCUSD_PERP <-> BTC-USD-PERP), because a perp
 *   trades at a basis to spot and pooling the two crosses the consolidated book. Replay and
 *   live feeds resolve venue symbols with symbolForVenueSymbol(), so every book, mid, σ,
 *   forecast, route and fill downstream is per instrument.
 * - Markets: which sources serve a venue. The simulated market only simulates the seven
 *   spot venues; the perpetuals exist only where real data (replay, live) provides them.
 */
import type { MarketSourceKind, SymbolId, VenueId } from "./types";
import { VENUES } from "@/lib/contracts/common";

export type VenueStatus = "ok" | "degraded" | "down";

export interface FeeTier {
  name: string;
  /** Lower bound of 30-day traded volume (USD) for the tier. */
  minVolume30dUsd: number;
  makerBps: number;
  takerBps: number;
}

export interface LatencyProfile {
  /** Median order-ack latency, ms. */
  medianMs: number;
  /** 99th percentile order-ack latency, ms. */
  p99Ms: number;
  /** Where the matching engine runs, for context. */
  region: string;
  source: "estimate";
}

export interface InstrumentSpec {
  symbol: SymbolId;
  /** The venue's own market id. */
  venueSymbol: string;
  quote: "USD" | "USDT";
  tickSize: number;
  lotSize: number;
  minQty: number;
  /** Minimum order value in quote currency (0 = none beyond minQty). */
  minNotional: number;
  /**
   * Set for contract-sized instruments. Inverse: one contract is worth `sizeUsd` USD, so
   * the venue quotes sizes in contracts; this project converts them to base units
   * (qty = contracts × sizeUsd / price) at the feed edge, so books, lots and minQty are
   * in base units like every other venue.
   */
  contract?: { kind: "inverse"; sizeUsd: number };
}

export type VenueKind = "spot" | "perp";

export interface VenueInfo {
  id: VenueId;
  name: string;
  kind: VenueKind;
  /** Sources that serve this venue (the simulated market covers spot venues only). */
  markets: readonly MarketSourceKind[];
  status: VenueStatus;
  feeSchedule: { url: string; asOf: string; note?: string };
  /** Best-first is not implied: ordered from the entry (base) tier upward. */
  feeTiers: readonly FeeTier[];
  latency: LatencyProfile;
  instruments: Readonly<Record<SymbolId, InstrumentSpec>>;
}

export interface VenueFees {
  venue: VenueId;
  tier: string;
  makerBps: number;
  takerBps: number;
}

export class UnknownVenueError extends Error {
  constructor(readonly venue: string) {
    super(`unknown venue "${venue}"`);
    this.name = "UnknownVenueError";
  }
}

export class UnknownFeeTierError extends Error {
  constructor(
    readonly venue: VenueId,
    readonly tier: string,
    readonly known: readonly string[],
  ) {
    super(`unknown fee tier "${tier}" for ${venue}; known tiers: ${known.join(", ")}`);
    this.name = "UnknownFeeTierError";
  }
}

const tiers = (rows: readonly (readonly [string, number, number, number])[]): FeeTier[] =>
  rows.map(([name, minVolume30dUsd, makerBps, takerBps]) => ({ name, minVolume30dUsd, makerBps, takerBps }));

type SpecRow = readonly [venueSymbol: string, tickSize: number, lotSize: number, minQty: number, minNotional: number];

const ALL_MARKETS: readonly MarketSourceKind[] = ["simulated", "replay", "live"];
const REAL_MARKETS: readonly MarketSourceKind[] = ["replay", "live"];

const specs = (quote: "USD" | "USDT", rows: Readonly<Record<SymbolId, SpecRow>>): Record<SymbolId, InstrumentSpec> => {
  const out: Record<SymbolId, InstrumentSpec> = {};
  for (const [symbol, [venueSymbol, tickSize, lotSize, minQty, minNotional]] of Object.entries(rows)) {
    out[symbol] = { symbol, venueSymbol, quote, tickSize, lotSize, minQty, minNotional };
  }
  return out;
};

const REGISTRY: Readonly<Record<VenueId, VenueInfo>> = {
  // Binance spot "Regular user / VIP 0-9" table, https://www.binance.com/en/fee/schedule,
  // as of 2025-06 (VIP tiers also need a BNB balance; not modelled). No BNB discount applied.
  binance: {
    id: "binance",
    name: "Binance",
    kind: "spot",
    markets: ALL_MARKETS,
    status: "ok",
    feeSchedule: { url: "https://www.binance.com/en/fee/schedule", asOf: "2025-06" },
    feeTiers: tiers([
      ["VIP0", 0, 10, 10],
      ["VIP1", 1e6, 9, 10],
      ["VIP2", 5e6, 8, 10],
      ["VIP3", 20e6, 4.2, 6],
      ["VIP4", 100e6, 4.2, 5.4],
      ["VIP5", 150e6, 3.6, 4.8],
      ["VIP6", 400e6, 3, 4.2],
      ["VIP7", 800e6, 2.4, 3.6],
      ["VIP8", 2e9, 1.8, 3],
      ["VIP9", 4e9, 1.2, 2.4],
    ]),
    latency: { medianMs: 12, p99Ms: 60, region: "AWS ap-northeast-1 (Tokyo)", source: "estimate" },
    instruments: specs("USDT", {
      "BTC-USD": ["BTCUSDT", 0.01, 0.00001, 0.00001, 5],
      "ETH-USD": ["ETHUSDT", 0.01, 0.0001, 0.0001, 5],
      "SOL-USD": ["SOLUSDT", 0.01, 0.001, 0.001, 5],
      "XRP-USD": ["XRPUSDT", 0.0001, 0.1, 0.1, 5],
      "DOGE-USD": ["DOGEUSDT", 0.00001, 1, 1, 5],
    }),
  },
  // Coinbase Advanced, https://help.coinbase.com/en/coinbase/trading-and-funding/advanced-trade/advanced-trade-fees
  // (table at https://www.coinbase.com/advanced-fees), as of 2025-01.
  coinbase: {
    id: "coinbase",
    name: "Coinbase Advanced",
    kind: "spot",
    markets: ALL_MARKETS,
    status: "ok",
    feeSchedule: { url: "https://www.coinbase.com/advanced-fees", asOf: "2025-01" },
    feeTiers: tiers([
      ["Intro 1", 0, 60, 120],
      ["Intro 2", 1e3, 35, 75],
      ["Advanced 1", 10e3, 25, 40],
      ["Advanced 2", 50e3, 12.5, 25],
      ["Advanced 3", 100e3, 7.5, 20],
      ["VIP 1", 1e6, 6, 18],
      ["VIP 2", 15e6, 3, 16],
      ["VIP 3", 75e6, 0, 12],
      ["VIP 4", 250e6, 0, 8],
      ["VIP 5", 400e6, 0, 5],
    ]),
    latency: { medianMs: 40, p99Ms: 200, region: "AWS us-east-1", source: "estimate" },
    instruments: specs("USD", {
      "BTC-USD": ["BTC-USD", 0.01, 0.00000001, 0.00000001, 1],
      "ETH-USD": ["ETH-USD", 0.01, 0.00000001, 0.00000001, 1],
      "SOL-USD": ["SOL-USD", 0.01, 0.001, 0.001, 1],
      "XRP-USD": ["XRP-USD", 0.0001, 0.000001, 0.000001, 1],
      "DOGE-USD": ["DOGE-USD", 0.00001, 0.1, 0.1, 1],
    }),
  },
  // Kraken Pro spot, https://www.kraken.com/features/fee-schedule, as of 2025-01 (the
  // 0.25/0.40 % entry tier introduced in 2024; stablecoin/FX pairs differ).
  kraken: {
    id: "kraken",
    name: "Kraken Pro",
    kind: "spot",
    markets: ALL_MARKETS,
    status: "ok",
    feeSchedule: { url: "https://www.kraken.com/features/fee-schedule", asOf: "2025-01" },
    feeTiers: tiers([
      ["0-10K", 0, 25, 40],
      ["10K-50K", 10e3, 20, 35],
      ["50K-100K", 50e3, 14, 24],
      ["100K-250K", 100e3, 12, 22],
      ["250K-500K", 250e3, 10, 20],
      ["500K-1M", 500e3, 8, 18],
      ["1M-2.5M", 1e6, 6, 16],
      ["2.5M-5M", 2.5e6, 4, 14],
      ["5M-10M", 5e6, 2, 12],
      ["10M+", 10e6, 0, 10],
    ]),
    latency: { medianMs: 60, p99Ms: 350, region: "Kraken's own data centre (US)", source: "estimate" },
    instruments: specs("USD", {
      "BTC-USD": ["XBT/USD", 0.1, 0.00000001, 0.00005, 0.5],
      "ETH-USD": ["ETH/USD", 0.01, 0.00000001, 0.002, 0.5],
      "SOL-USD": ["SOL/USD", 0.01, 0.00000001, 0.02, 0.5],
      "XRP-USD": ["XRP/USD", 0.00001, 0.00000001, 2, 0.5],
      "DOGE-USD": ["XDG/USD", 0.0000001, 0.00000001, 30, 0.5],
    }),
  },
  // OKX spot (USDT pairs), https://www.okx.com/fees, as of 2025 (regular Lv1; Lv2-5 are
  // OKB-holding tiers, not modelled).
  okx: {
    id: "okx",
    name: "OKX",
    kind: "spot",
    markets: ALL_MARKETS,
    status: "ok",
    feeSchedule: { url: "https://www.okx.com/fees", asOf: "2025" },
    feeTiers: tiers([
      ["Lv1", 0, 8, 10],
      ["VIP1", 10e6, 6, 8],
      ["VIP2", 20e6, 5, 7],
      ["VIP3", 50e6, 3, 6],
      ["VIP4", 100e6, 2, 5],
      ["VIP5", 200e6, 0, 4],
      ["VIP6", 500e6, -0.2, 3],
      ["VIP7", 1e9, -0.5, 2.5],
      ["VIP8", 10e9, -0.5, 2],
    ]),
    latency: { medianMs: 15, p99Ms: 80, region: "Alibaba Cloud Hong Kong", source: "estimate" },
    instruments: specs("USDT", {
      "BTC-USD": ["BTC-USDT", 0.1, 0.00000001, 0.00001, 0],
      "ETH-USD": ["ETH-USDT", 0.01, 0.000001, 0.0001, 0],
      "SOL-USD": ["SOL-USDT", 0.01, 0.000001, 0.001, 0],
      "XRP-USD": ["XRP-USDT", 0.0001, 0.000001, 0.1, 0],
      "DOGE-USD": ["DOGE-USDT", 0.00001, 0.000001, 10, 0],
    }),
  },
  // Bybit spot, https://www.bybit.com/en/help-center/article/Trading-Fee-Structure, as of
  // 2025 (rates confirmed; the volume thresholds are approximate: Bybit also qualifies by
  // asset balance).
  bybit: {
    id: "bybit",
    name: "Bybit",
    kind: "spot",
    markets: ALL_MARKETS,
    status: "ok",
    feeSchedule: {
      url: "https://www.bybit.com/en/help-center/article/Trading-Fee-Structure",
      asOf: "2025",
      note: "tier volume thresholds approximate",
    },
    feeTiers: tiers([
      ["VIP0", 0, 10, 10],
      ["VIP1", 1e6, 6.75, 8],
      ["VIP2", 5e6, 6.5, 7.75],
      ["VIP3", 25e6, 6.25, 7.5],
      ["VIP4", 50e6, 5, 6],
      ["VIP5", 100e6, 4, 5],
      ["Supreme VIP", 200e6, 3, 4.5],
    ]),
    latency: { medianMs: 12, p99Ms: 70, region: "AWS ap-southeast-1 (Singapore)", source: "estimate" },
    instruments: specs("USDT", {
      "BTC-USD": ["BTCUSDT", 0.01, 0.000001, 0.000048, 5],
      "ETH-USD": ["ETHUSDT", 0.01, 0.00001, 0.00062, 5],
      "SOL-USD": ["SOLUSDT", 0.01, 0.001, 0.001, 5],
      "XRP-USD": ["XRPUSDT", 0.0001, 0.01, 0.1, 5],
      "DOGE-USD": ["DOGEUSDT", 0.00001, 0.1, 1, 5],
    }),
  },
  // Bitget spot, https://www.bitget.com/fee, VIP rates as announced in the January 2023
  // spot fee update (still listed in 2025); volume thresholds approximate.
  bitget: {
    id: "bitget",
    name: "Bitget",
    kind: "spot",
    markets: ALL_MARKETS,
    status: "ok",
    feeSchedule: { url: "https://www.bitget.com/fee", asOf: "2025", note: "tier volume thresholds approximate" },
    feeTiers: tiers([
      ["Non-VIP", 0, 10, 10],
      ["VIP1", 1e6, 4, 6],
      ["VIP2", 6e6, 3, 5],
      ["VIP3", 30e6, 2, 4],
      ["VIP4", 60e6, 1, 3],
      ["VIP5", 100e6, 0, 2],
    ]),
    latency: { medianMs: 25, p99Ms: 150, region: "AWS ap-northeast-1 (Tokyo)", source: "estimate" },
    instruments: specs("USDT", {
      "BTC-USD": ["BTCUSDT", 0.01, 0.000001, 0.000001, 1],
      "ETH-USD": ["ETHUSDT", 0.01, 0.0001, 0.0001, 1],
      "SOL-USD": ["SOLUSDT", 0.01, 0.001, 0.001, 1],
      "XRP-USD": ["XRPUSDT", 0.0001, 0.01, 0.01, 1],
      "DOGE-USD": ["DOGEUSDT", 0.00001, 0.1, 0.1, 1],
    }),
  },
  // Crypto.com Exchange, https://crypto.com/exchange/fee. NOT VERIFIED: the page could not
  // be read for this build (2025-11); third-party summaries quote an entry tier between
  // 0.075 % and 0.10 %. 7.5 bps is used; tiers above the entry tier are omitted.
  cryptocom: {
    id: "cryptocom",
    name: "Crypto.com Exchange",
    kind: "spot",
    markets: ALL_MARKETS,
    status: "ok",
    feeSchedule: { url: "https://crypto.com/exchange/fee", asOf: "2025-11", note: "unverified; entry tier only" },
    feeTiers: tiers([["Level 1", 0, 7.5, 7.5]]),
    latency: { medianMs: 20, p99Ms: 120, region: "AWS ap-northeast-1 (Tokyo)", source: "estimate" },
    instruments: specs("USD", {
      "BTC-USD": ["BTC_USD", 0.01, 0.00001, 0.00001, 1],
      "ETH-USD": ["ETH_USD", 0.01, 0.0001, 0.0001, 1],
      "SOL-USD": ["SOL_USD", 0.01, 0.001, 0.001, 1],
      "XRP-USD": ["XRP_USD", 0.0001, 0.1, 0.1, 1],
      "DOGE-USD": ["DOGE_USD", 0.00001, 1, 1, 1],
    }),
  },
  // Binance USD-M futures, "USDⓈ-M Futures" VIP table, https://www.binance.com/en/fee/futureFee,
  // as of 2025. The page itself could not be read for this build; rates match third-party
  // copies of it (2025), the 30-day volume thresholds are approximate (Binance also
  // qualifies tiers by BNB balance, not modelled). No BNB discount applied.
  "binance-usdm": {
    id: "binance-usdm",
    name: "Binance USD-M perpetual",
    kind: "perp",
    markets: REAL_MARKETS,
    status: "ok",
    feeSchedule: { url: "https://www.binance.com/en/fee/futureFee", asOf: "2025", note: "tier volume thresholds approximate" },
    feeTiers: tiers([
      ["VIP0", 0, 2, 5],
      ["VIP1", 15e6, 1.6, 4],
      ["VIP2", 50e6, 1.4, 3.5],
      ["VIP3", 100e6, 1.2, 3.2],
      ["VIP4", 600e6, 1, 3],
      ["VIP5", 1e9, 0.8, 2.7],
      ["VIP6", 2.5e9, 0.6, 2.5],
      ["VIP7", 5e9, 0.4, 2.2],
      ["VIP8", 12.5e9, 0.2, 2],
      ["VIP9", 25e9, 0, 1.7],
    ]),
    // fapi matching engine in AWS Tokyo like spot; futures acks spike more under load.
    latency: { medianMs: 10, p99Ms: 80, region: "AWS ap-northeast-1 (Tokyo)", source: "estimate" },
    // exchangeInfo BTCUSDT perpetual: tick 0.10, step 0.001 BTC, MIN_NOTIONAL 100 USDT.
    instruments: specs("USDT", { "BTC-USD-PERP": ["BTCUSDT", 0.1, 0.001, 0.001, 100] }),
  },
  // Binance COIN-M futures, https://www.binance.com/en/fee/deliveryFee, as of 2025: entry
  // tier only (maker 0.020 %, taker 0.050 %); higher tiers could not be verified for this
  // build and are omitted.
  "binance-coinm": {
    id: "binance-coinm",
    name: "Binance COIN-M perpetual",
    kind: "perp",
    markets: REAL_MARKETS,
    status: "ok",
    feeSchedule: { url: "https://www.binance.com/en/fee/deliveryFee", asOf: "2025", note: "entry tier only" },
    feeTiers: tiers([["VIP0", 0, 2, 5]]),
    latency: { medianMs: 12, p99Ms: 90, region: "AWS ap-northeast-1 (Tokyo)", source: "estimate" },
    // BTCUSD_PERP is inverse: 1 contract = 100 USD, tick 0.1. The venue's real lot is one
    // contract, whose BTC size moves with the price (0.0016 BTC at 61,800); the 0.001 BTC
    // lot and minimum here are an APPROXIMATION on the decimal grid the rest of the system
    // assumes, and minNotional 100 USD is exactly the one-contract minimum.
    instruments: {
      "BTC-USD-PERP": {
        symbol: "BTC-USD-PERP",
        venueSymbol: "BTCUSD_PERP",
        quote: "USD",
        tickSize: 0.1,
        lotSize: 0.001,
        minQty: 0.001,
        minNotional: 100,
        contract: { kind: "inverse", sizeUsd: 100 },
      },
    },
  },
};

export function isVenueId(id: string): id is VenueId {
  return (VENUES as readonly string[]).includes(id);
}

export function getVenue(id: VenueId | string): VenueInfo {
  if (!isVenueId(id)) throw new UnknownVenueError(id);
  return REGISTRY[id];
}

/** All venues, in the canonical VENUES order. */
export function listVenues(): readonly VenueInfo[] {
  return VENUES.map((v) => REGISTRY[v]);
}

/** The venue's spec for a symbol, or undefined if the venue does not list it. */
export function instrumentFor(venue: VenueId, symbol: SymbolId): InstrumentSpec | undefined {
  return getVenue(venue).instruments[symbol];
}

/**
 * Venues (canonical order) that list the symbol; with `market`, only venues that source
 * serves (the simulated market passes "simulated" and so gets the seven spot venues).
 */
export function venuesListing(symbol: SymbolId, market?: MarketSourceKind): VenueId[] {
  return VENUES.filter(
    (v) => REGISTRY[v].instruments[symbol] !== undefined && (market === undefined || REGISTRY[v].markets.includes(market)),
  );
}

/** Our instrument for a venue's own market id (e.g. binance-usdm "BTCUSDT" -> "BTC-USD-PERP"), or undefined. */
export function symbolForVenueSymbol(venue: VenueId, venueSymbol: string): SymbolId | undefined {
  const wanted = venueSymbol.toUpperCase();
  for (const spec of Object.values(getVenue(venue).instruments)) {
    if (spec.venueSymbol.toUpperCase() === wanted) return spec.symbol;
  }
  return undefined;
}

/**
 * Maker/taker fees for a desk's tier on a venue. No tier = the entry (base) tier, which is
 * what a desk pays until it configures otherwise. Tier names are the venue's own.
 */
export function feesFor(venue: VenueId, tier?: string): VenueFees {
  const info = getVenue(venue);
  const row = tier === undefined ? info.feeTiers[0] : info.feeTiers.find((t) => t.name === tier);
  if (!row) throw new UnknownFeeTierError(venue, tier ?? "(base)", info.feeTiers.map((t) => t.name));
  return { venue, tier: row.name, makerBps: row.makerBps, takerBps: row.takerBps };
}

/** The tier a desk reaches with a given 30-day volume (highest tier whose threshold it meets). */
export function tierForVolume(venue: VenueId, volume30dUsd: number): FeeTier {
  const list = getVenue(venue).feeTiers;
  let best = list[0] as FeeTier;
  for (const t of list) if (volume30dUsd >= t.minVolume30dUsd) best = t;
  return best;
}
