/**
 * What the router reads from the venue registry, as a port so tests (and a future live
 * status feed) can stand in for it: which venues exist, whether each is up and its instrument
 * spec for a symbol. The default reads server/market-data/venues.ts.
 */
import { VENUES } from "@/lib/contracts/common";
import type { SymbolId, VenueId } from "@/server/market-data/types";
import { getVenue, instrumentFor, type InstrumentSpec, type VenueStatus } from "@/server/market-data/venues";

export interface RouterVenueRegistry {
  /** Every venue the router knows, in canonical order (records list venues in this order). */
  venues(): readonly VenueId[];
  status(venue: VenueId): VenueStatus;
  /** The venue's spec for the symbol; undefined = the venue does not list it. */
  instrument(venue: VenueId, symbol: SymbolId): InstrumentSpec | undefined;
}

export const defaultVenueRegistry: RouterVenueRegistry = {
  venues: () => VENUES,
  status: (venue) => getVenue(venue).status,
  instrument: (venue, symbol) => instrumentFor(venue, symbol),
};
