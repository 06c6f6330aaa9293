export { createLiveSource, LiveSource, UnknownLiveSymbolError } from "./create-live-source";
export type { ExchangeRole, LiveSourceOptions, LiveTimers } from "./create-live-source";
export type { LiveSourceStatus, LiveVenueStatus, LiveBookStatus } from "./live-source-status";
export type { LiveExchange } from "./create-ccxt-exchange";
export { LIVE_VENUES, LIVE_MARKETS, liveMarketFor, type LiveVenue, type QuoteFamily } from "./live-markets";
export type { VenueState } from "./classify-venue-state";
