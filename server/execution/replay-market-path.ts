/**
 * Drives the venues' path books along one MarketPath, one step at a time. One replay per
 * (path, strategy): the exogenous draws are shared, the books are not, because each
 * strategy's own fills deplete them differently.
 */
import type { MarketPath } from "./simulate-market-path";
import type { PathBookTemplate } from "./path-book-template";
import { PathVenueBook } from "./path-venue-book";

export class PathMarket {
  readonly books: PathVenueBook[];
  private stepIndex = 0;
  private readonly mid0: number;

  constructor(
    templates: readonly PathBookTemplate[],
    private readonly path: MarketPath,
    readonly startMs: number,
    resiliencePerS: number,
  ) {
    if (path.venues.length !== templates.length || templates.some((t, i) => t.venue !== path.venues[i])) {
      throw new RangeError("the path must carry one order flow per book, in the same venue order");
    }
    this.books = templates.map((t) => {
      const book = new PathVenueBook(t, startMs, resiliencePerS);
      book.moveTo(0, startMs);
      return book;
    });
    this.mid0 = path.mid(0);
  }

  get step(): number {
    return this.stepIndex;
  }

  get mid(): number {
    return this.path.mid(this.stepIndex);
  }

  /** Moves every book to the next step's mid and time. */
  advance(): void {
    if (this.stepIndex >= this.path.steps) throw new RangeError("the path has no more steps");
    const k = ++this.stepIndex;
    const move = this.path.mid(k) - this.mid0;
    const tMs = this.startMs + k * this.path.stepMs;
    for (const book of this.books) book.moveTo(Math.round(move / book.tickSize), tMs);
  }

  /**
   * Prints the current step's market orders of one side on one venue (aggressorBuys = true:
   * buy orders lifting the asks), summed per price level. Summing is exact for the
   * matching engine: queue-ahead decrements and trade-through fills add up the same way
   * whether a step's volume at a price arrives in one print or several.
   */
  printStepTrades(venueIndex: number, aggressorBuys: boolean, visit: (price: number, qty: number) => void): void {
    const book = this.books[venueIndex];
    if (!book || this.stepIndex === 0) return;
    const prices = this.printPrices;
    const sums = this.printSums;
    prices.length = 0;
    sums.length = 0;
    this.path.stepOrders(venueIndex, this.stepIndex, (buy, qty) => {
      if (buy === aggressorBuys) book.printTrades(aggressorBuys, qty, this.accumulate);
    });
    for (let i = 0; i < prices.length; i++) visit(prices[i] as number, sums[i] as number);
  }

  private readonly printPrices: number[] = [];
  private readonly printSums: number[] = [];
  private readonly accumulate = (price: number, qty: number): void => {
    const prices = this.printPrices;
    for (let i = prices.length - 1; i >= 0; i--) {
      if (prices[i] === price) {
        this.printSums[i] = (this.printSums[i] as number) + qty;
        return;
      }
    }
    prices.push(price);
    this.printSums.push(qty);
  };
}
