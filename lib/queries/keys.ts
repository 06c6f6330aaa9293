/** Every react-query key the dashboard uses, in one place so invalidation stays consistent. */
export const queryKeys = {
  session: ["session"] as const,
  health: ["health"] as const,
  quotesAll: ["quotes"] as const,
  quotes: (symbols: readonly string[]) => ["quotes", symbols.join(",")] as const,
  depthAll: ["depth"] as const,
  depth: (symbol: string, bands: readonly number[]) => ["depth", symbol, bands.join(",")] as const,
};
