import { describe, expect, it } from "vitest";
import { candidateRows, candidateTotal, legsSummary, newestFirst, parseLastN, scorePartColumns, scorePartLabel } from "./decisions-math";

describe("scorePartColumns", () => {
  it("takes every part name any candidate has, in first-seen order, without totals", () => {
    const columns = scorePartColumns([
      { score_parts: { book_bps: 1, fee_bps: 2, total_bps: 3 } },
      { score_parts: { book_bps: 1, latency_bps: 0.5 } },
      { score_parts: { fee_bps: 1, staleness_bps: 0.1 } },
      { score_parts: {} },
    ]);
    expect(columns).toEqual(["book_bps", "fee_bps", "latency_bps", "staleness_bps"]);
  });

  it("is empty without candidates", () => {
    expect(scorePartColumns([])).toEqual([]);
  });

  it("labels columns readably", () => {
    expect(scorePartLabel("book_cost_bps")).toBe("book cost");
    expect(scorePartLabel("adverseSelection_bps")).toBe("adverse selection");
  });
});

describe("candidate totals and rows", () => {
  it("uses the candidate's own total when present, else the sum", () => {
    expect(candidateTotal({ score_parts: { a_bps: 1, b_bps: 2, total_bps: 10 } })).toBe(10);
    expect(candidateTotal({ score_parts: { a_bps: 1, b_bps: 2.5 } })).toBe(3.5);
    expect(candidateTotal({ score_parts: {} })).toBeNull();
  });

  it("orders candidates cheapest first, fills missing parts with null and marks chosen legs", () => {
    const columns = ["book_bps", "fee_bps"];
    const rows = candidateRows(
      {
        candidates: [
          { venue: "okx", status: "ok", touch_price: 100, depth_qty: 5, score_parts: { book_bps: 3, fee_bps: 1 } },
          { venue: "kraken", status: "ok", touch_price: 100, depth_qty: 2, score_parts: { book_bps: 1 } },
          { venue: "bybit", status: "stale", touch_price: null, depth_qty: 0, score_parts: {} },
        ],
        legs: [
          { venue: "kraken", qty: 1, limit_price: null, est_cost_bps: 1 },
          { venue: "kraken", qty: 0.5, limit_price: null, est_cost_bps: 1 },
        ],
      },
      columns,
    );
    expect(rows.map((r) => r.venue)).toEqual(["kraken", "okx", "bybit"]);
    expect(rows[0]).toMatchObject({ parts: [1, null], total: 1, legQty: 1.5 });
    expect(rows[1]).toMatchObject({ parts: [3, 1], total: 4, legQty: 0 });
    expect(rows[2]?.total).toBeNull();
  });
});

describe("list helpers", () => {
  it("sorts newest first by exact nanoseconds", () => {
    const list = [{ at_ns: "1700000000000000001" }, { at_ns: "1700000000000000003" }, { at_ns: "1700000000000000002" }];
    expect(newestFirst(list).map((d) => d.at_ns.slice(-1))).toEqual(["3", "2", "1"]);
  });

  it("summarises legs largest first", () => {
    expect(legsSummary([])).toBe("no legs");
    expect(
      legsSummary([
        { venue: "okx", qty: 0.4 },
        { venue: "binance", qty: 0.6 },
      ]),
    ).toBe("binance 0.6000 · okx 0.4000");
    expect(legsSummary([1, 2, 3, 4, 5].map((q) => ({ venue: "okx" as const, qty: q })), 2)).toBe("okx 5.000 · okx 4.000 · +3 more");
  });

  it("only allows the offered last_n values", () => {
    expect(parseLastN("100")).toBe(100);
    expect(parseLastN("7")).toBe(20);
    expect(parseLastN(null)).toBe(20);
  });
});
