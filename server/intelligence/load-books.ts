import type { Source } from "@/lib/contracts/market";
import type { Core } from "@/server/core";
import { ApiError, validationError } from "@/server/http/api-error";
import type { BookView } from "@/server/market-data/types";

export interface LoadedBooks {
  books: BookView[];
  source: Source;
  nowMs: number;
  ageMs: Partial<Record<string, number>>;
  staleAfterMs: number;
}

/** The hub's cold chain, with its failures turned into what the client should hear. */
export async function loadBooks(core: Core, symbol: string, field: string): Promise<LoadedBooks> {
  try {
    const got = await core.market.hub.getBooks(symbol);
    return { books: got.books, source: got.source, nowMs: got.asOfMs, ageMs: got.ageMs, staleAfterMs: got.stalenessMs };
  } catch (err) {
    // By name: the hub module can be bundled into several chunks, so instanceof may miss.
    if (isNamed(err, "UnknownSymbolError")) {
      throw validationError(field, `unknown symbol ${symbol}; served: ${core.market.source.symbols().join(", ")}`);
    }
    if (isNamed(err, "NoMarketDataError")) {
      throw new ApiError("SERVICE_UNAVAILABLE", `No market data for ${symbol} right now; retry shortly`, [], { "Retry-After": "1" });
    }
    throw err;
  }
}

function isNamed(err: unknown, name: string): boolean {
  return err instanceof Error && err.name === name;
}
