/**
 * Test-only: the recording's book after each diff, built independently of the loopback
 * and of ccxt by the project's own sequenced book (order-book.ts), keyed by the diff's
 * final update id `u`. Only the top `levels` per side are kept, which is what the tests
 * compare.
 */
import { OrderBook } from "../../order-book";
import type { Level } from "../../types";
import type { BinanceRecording, PriceQty } from "./read-binance-recording";

export interface ReferenceTop {
  bids: Level[];
  asks: Level[];
}

const toLevels = (rows: readonly PriceQty[]): Level[] => rows.map(([p, q]) => ({ price: Number(p), qty: Number(q) }));

export function buildReferenceBooks(recording: BinanceRecording, levels: number): Map<number, ReferenceTop> {
  const book = new OrderBook("binance", "BTC-USD", { maxViewLevels: levels });
  const { snapshot } = recording;
  book.applySnapshot(toLevels(snapshot.bids), toLevels(snapshot.asks), snapshot.lastUpdateId, 0);
  const out = new Map<number, ReferenceTop>();
  const top = () => {
    const v = book.view();
    if (!v) throw new Error(`reference book lost sync at seq ${book.seq}`);
    return { bids: [...v.bids], asks: [...v.asks] };
  };
  out.set(snapshot.lastUpdateId, top());
  for (const m of recording.messages) {
    if (m.data.e !== "depthUpdate") continue;
    const d = m.data;
    const r = book.applyDelta({ firstSeq: d.U, lastSeq: d.u, bids: toLevels(d.b), asks: toLevels(d.a), tsMs: d.E });
    if (r === "applied") out.set(d.u, top());
    else if (r !== "stale") throw new Error(`reference book: ${r} at U=${d.U}`);
  }
  return out;
}
