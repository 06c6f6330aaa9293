import { describe, expect, it } from "vitest";
import { formatPct, isWorking, mergeOrderPages, orderFilledPct, shortId } from "./orders-math";

describe("orders-math", () => {
  it("knows the working statuses", () => {
    expect(isWorking("RUNNING")).toBe(true);
    expect(isWorking("PAUSED")).toBe(true);
    expect(isWorking("COMPLETED")).toBe(false);
  });

  it("merges pages without duplicates", () => {
    const o = (order_id: string) => ({ order_id }) as never;
    expect(mergeOrderPages([{ orders: [o("a"), o("b")] }, { orders: [o("b"), o("c")] }]).map((x: { order_id: string }) => x.order_id)).toEqual(["a", "b", "c"]);
  });

  it("computes and formats the filled share", () => {
    expect(orderFilledPct({ qty: 4, filled_qty: 1 })).toBe(25);
    expect(orderFilledPct({ qty: 0, filled_qty: 0 })).toBe(0);
    expect(formatPct(25)).toBe("25.0%");
    expect(formatPct(99.999)).toBe("100%");
    expect(formatPct(0)).toBe("0%");
  });

  it("shortens long ids", () => {
    expect(shortId("ord_0123456789abcdef")).toBe("ord_…89abcdef");
    expect(shortId("short")).toBe("short");
  });
});
