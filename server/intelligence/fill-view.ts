import type { z } from "zod";
import type { LiveFillSchema } from "@/lib/contracts/live";
import { e8ToQty, e9ToPrice } from "@/lib/units";
import { msToNs } from "@/server/shared/clock";
import type { FillRecord } from "@/server/store/port";

/** A stored fill in the API's shape; `midAt` supplies the mid at the fill's time when known. */
export function toFillView(f: FillRecord, midAt?: (atMs: number) => number | null): z.input<typeof LiveFillSchema> {
  return {
    fill_id: f.fillId,
    venue: f.venue,
    qty: e8ToQty(f.qtyE8),
    price: e9ToPrice(f.priceE9),
    liquidity: f.liquidity,
    fee_usd: e9ToPrice(f.feeE9),
    at_ns: msToNs(f.atMs).toString(),
    mid_at_fill: midAt ? midAt(f.atMs) : null,
  };
}
