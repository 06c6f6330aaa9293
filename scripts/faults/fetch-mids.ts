/** The NBBO mid per flow symbol, read through the API as a client would price its limits. */
import type { ApiClient } from "./api-client";
import { FLOW_SYMBOLS, type Mids } from "./order-bodies";

export async function fetchMids(api: ApiClient, key: string): Promise<Mids> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const ans = await api.call("GET", `/v1/quotes?symbols=${FLOW_SYMBOLS.join(",")}`, key);
    const quotes = (ans.body as { quotes?: { symbol: string; nbbo?: { mid?: number } }[] } | null)?.quotes ?? [];
    const mid = (s: string) => quotes.find((q) => q.symbol === s)?.nbbo?.mid;
    const btc = mid("BTC-USD");
    const eth = mid("ETH-USD");
    if (ans.status === 200 && btc && eth) return { "BTC-USD": btc, "ETH-USD": eth };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("no quotes for the flow symbols");
}
