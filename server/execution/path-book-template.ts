/**
 * A venue's starting book in the form path books replay from: level prices in whole ticks
 * and sizes, per side, best first. Built once per simulation and shared, read-only, by
 * every path and strategy (building it per run was the simulator's largest cost).
 */
import { createGrid, type Grid } from "@/server/market-data/market-grid";
import type { BookView, Level, SymbolId, VenueId } from "@/server/market-data/types";
import { instrumentFor } from "@/server/market-data/venues";

/** Tick and lot for a book with no registry entry: fine enough never to move a value by themselves. */
export const FALLBACK_TICK = 1e-8;
export const FALLBACK_LOT = 1e-8;

export interface SideTemplate {
  readonly descending: boolean;
  readonly units: Float64Array;
  readonly qty: Float64Array;
  /** cumQty[i] = Σ qty[0..i-1]: the undepleted size up to a level in O(1). */
  readonly cumQty: Float64Array;
}

export interface PathBookTemplate {
  readonly venue: VenueId;
  readonly symbol: SymbolId;
  readonly seq: number;
  readonly grid: Grid;
  /** Lot grid: recovering depth is shown in whole lots, as a real book's sizes are. */
  readonly lot: Grid;
  readonly bids: SideTemplate;
  readonly asks: SideTemplate;
}

function sideTemplate(levels: readonly Level[], grid: Grid, descending: boolean): SideTemplate {
  const kept = levels.filter((l) => l.qty > 0 && l.price > 0);
  const units = new Float64Array(kept.length);
  const qty = new Float64Array(kept.length);
  const cumQty = new Float64Array(kept.length + 1);
  kept.forEach((l, i) => {
    units[i] = grid.toUnits(l.price);
    qty[i] = l.qty;
    cumQty[i + 1] = (cumQty[i] as number) + l.qty;
  });
  return { descending, units, qty, cumQty };
}

export function createPathBookTemplate(book: BookView): PathBookTemplate {
  const spec = instrumentFor(book.venue, book.symbol);
  const grid = createGrid(spec?.tickSize ?? FALLBACK_TICK);
  return {
    venue: book.venue,
    symbol: book.symbol,
    seq: book.seq,
    grid,
    lot: createGrid(spec?.lotSize ?? FALLBACK_LOT),
    bids: sideTemplate(book.bids, grid, true),
    asks: sideTemplate(book.asks, grid, false),
  };
}
