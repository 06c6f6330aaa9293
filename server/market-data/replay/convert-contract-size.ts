/**
 * Inverse contracts (Binance COIN-M BTCUSD_PERP: 1 contract = 100 USD) quote sizes in
 * contracts; everything downstream (book walk, router, TCA) works in base units, so sizes
 * are converted at the feed edge: qty_btc = contracts × sizeUsd / price. Applied per level
 * (each level has its own price) and per trade; a zero size stays zero (level delete).
 */
import type { Level } from "../types";

export interface ContractSpec {
  kind: "inverse";
  sizeUsd: number;
}

export function contractsToBase(contracts: number, price: number, contract: ContractSpec): number {
  if (contracts === 0) return 0;
  return (contracts * contract.sizeUsd) / price;
}

export function convertLevels(levels: Level[], contract: ContractSpec | undefined): Level[] {
  if (!contract) return levels;
  for (const l of levels) l.qty = contractsToBase(l.qty, l.price, contract);
  return levels;
}
