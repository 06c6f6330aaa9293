export { createLiveSource, LiveSource, UnknownLiveSymbolError } from "./create-live-source";
export type { ExchangeRole, LiveSourceOptions, LiveSourceStatus, LiveVenueStatus, LiveBookStatus, LiveTimers } from "./create-live-source";
export type { LiveExchange } from "./create-ccxt-exchange";
export { LIVE_VENUES, LIVE_MARKETS, liveMarketFor, type LiveVenue, type QuoteFamily } from "./live-markets";
export type { VenueState } from "./classify-venue-state";
