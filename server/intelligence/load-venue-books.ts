import type { VenueId } from "@/lib/contracts/common";
import type { Core } from "@/server/core";
import { validationError } from "@/server/http/api-error";
import { loadBooks, type LoadedBooks } from "./load-books";

export interface VenueBooks extends LoadedBooks {
  excluded: { venue: VenueId; reason: string }[];
}

/**
 * Books for a pre-trade question, minus the venues the caller excluded. Excluding every
 * venue that lists the symbol is the caller's mistake, so it is a 422, not an empty answer.
 */
export async function loadVenueBooks(core: Core, symbol: string, exclude: readonly VenueId[] = []): Promise<VenueBooks> {
  const loaded = await loadBooks(core, symbol, "symbol");
  const skip = new Set(exclude);
  const books = loaded.books.filter((b) => !skip.has(b.venue));
  if (books.length === 0) {
    throw validationError("exclude_venues", `every venue quoting ${symbol} is excluded; leave at least one of ${loaded.books.map((b) => b.venue).join(", ")}`);
  }
  const excluded = [...skip].map((venue) => ({ venue, reason: "excluded by request (exclude_venues)" }));
  return { ...loaded, books, excluded };
}
