/**
 * An order's headline figures from its roll-up row, with the definitions every page uses
 * (lib/execution-figures.ts). The row's arrival mid is already the resolved one (the first
 * send's mid, else the mid at acceptance: server/store/tca-projection.ts), and its filled,
 * average price and fees are the order reducer's, so this gives Live's and Review's floats.
 */
import { e8ToQty, e9ToPrice } from "@/lib/units";
import { orderFigures, type OrderFigures } from "@/lib/execution-figures";
import type { OrderTcaRecord } from "@/server/store/tca-port";

export function figuresOfTcaRow(r: OrderTcaRecord): OrderFigures {
  return orderFigures({
    side: r.side,
    // From the exact columns, converted as the order view converts them.
    filledQty: e8ToQty(r.filledE8),
    avgPrice: r.avgPriceE9 === null ? null : e9ToPrice(r.avgPriceE9),
    feesUsd: e9ToPrice(r.feesE9),
    decisionMid: null,
    firstSendMid: r.arrivalMid,
    p50Bps: r.forecastP50Bps,
  });
}
