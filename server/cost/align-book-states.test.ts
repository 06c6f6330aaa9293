import { describe, expect, it } from "vitest";
import type { BookSample } from "@/server/market-data/observation-store";
import type { BookView } from "@/server/market-data/types";
import { alignBookStates } from "./align-book-states";

const sample = (tsMs: number, bid: number): BookSample => ({ tsMs, seq: tsMs, bids: [{ price: bid, qty: 1 }], asks: [{ price: bid + 1, qty: 1 }] });

describe("alignBookStates", () => {
  it("pairs each second with every venue's latest sample at or before it", () => {
    const states = alignBookStates({
      histories: [
        { venue: "binance", samples: [sample(1000, 10), sample(2000, 11), sample(3050, 12)] },
        { venue: "okx", samples: [sample(1500, 20), sample(3900, 21)] },
      ],
      maxStates: 10,
    });
    // seconds 1, 2, 3 (slots 1..3)
    expect(states.map((s) => s.tsMs)).toEqual([1500, 2000, 3900]);
    expect(states.map((s) => s.books.map((b) => `${b.venue}@${b.tsMs}`))).toEqual([
      ["binance@1000", "okx@1500"],
      ["binance@2000", "okx@1500"],
      ["binance@3050", "okx@3900"],
    ]);
  });

  it("keeps only the most recent maxStates, the current books being the newest", () => {
    const samples = Array.from({ length: 100 }, (_, i) => sample(i * 1000 + 10, 100 + i));
    const current: BookView[] = [{ venue: "binance", symbol: "BTC-USD", bids: [{ price: 1, qty: 1 }], asks: [{ price: 2, qty: 1 }], seq: 1, updatedAtMs: 99_500 }];
    const states = alignBookStates({ histories: [{ venue: "binance", samples }], current, nowMs: 99_600, maxStates: 5 });
    expect(states).toHaveLength(5);
    // second 99 is the present → history covers seconds 95..98
    expect(states.map((s) => s.tsMs)).toEqual([95_010, 96_010, 97_010, 98_010, 99_600]);
    expect(states[4]!.books[0]!.tsMs).toBe(99_500);
  });

  it("leaves out a venue whose last sample is too old for the state", () => {
    const states = alignBookStates({
      histories: [
        { venue: "binance", samples: [sample(1000, 10), sample(9000, 11)] },
        { venue: "kraken", samples: [sample(1000, 30)] },
      ],
      maxStates: 1,
      maxAgeMs: 5000,
    });
    expect(states).toHaveLength(1);
    expect(states[0]!.books.map((b) => b.venue)).toEqual(["binance"]);
  });

  it("is empty with no history and no current books", () => {
    expect(alignBookStates({ histories: [] })).toEqual([]);
  });
});
