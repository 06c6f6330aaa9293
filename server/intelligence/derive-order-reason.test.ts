import { describe, expect, it } from "vitest";
import { REASON_CODES, REASON_MESSAGES, reasonMessage } from "@/lib/reason-messages";
import { ORDER_REJECT_REASONS } from "@/server/execution/order-reject-reasons";
import { ORDER_STATUSES } from "@/server/execution/order-states";
import { deriveOrderReason } from "./derive-order-reason";

describe("deriveOrderReason", () => {
  it("names a client's cancel, keeps a system cancel's code", () => {
    expect(deriveOrderReason("CANCELLED", null)).toEqual({ code: "CLIENT_CANCEL", message: REASON_MESSAGES.CLIENT_CANCEL });
    expect(deriveOrderReason("CANCELLED", "KILL_SWITCH")).toEqual({ code: "KILL_SWITCH", message: REASON_MESSAGES.KILL_SWITCH });
  });

  it("gives REJECTED and FAILED orders their stored code", () => {
    expect(deriveOrderReason("REJECTED", "NO_LIQUIDITY")?.code).toBe("NO_LIQUIDITY");
    expect(deriveOrderReason("FAILED", "RESTART_INTERRUPTED")?.code).toBe("RESTART_INTERRUPTED");
    expect(deriveOrderReason("FAILED", null)?.code).toBe("INTERNAL_ERROR");
  });

  it("has no reason while the order works or once it completed", () => {
    for (const status of ORDER_STATUSES) {
      const final = status === "CANCELLED" || status === "REJECTED" || status === "FAILED";
      expect(deriveOrderReason(status, null) !== null, status).toBe(final);
    }
  });
});

describe("reason messages", () => {
  it("has words for every stored code and for CLIENT_CANCEL, and nothing else", () => {
    expect([...REASON_CODES].sort()).toEqual([...ORDER_REJECT_REASONS, "CLIENT_CANCEL"].sort());
    for (const code of REASON_CODES) expect(REASON_MESSAGES[code].length, code).toBeGreaterThan(10);
    expect(new Set(Object.values(REASON_MESSAGES)).size).toBe(REASON_CODES.length);
  });

  it("shows a code it does not know as words instead of failing", () => {
    expect(reasonMessage("KILL_SWITCH")).toBe(REASON_MESSAGES.KILL_SWITCH);
    expect(reasonMessage("SOME_NEW_CODE")).toBe("some new code");
    expect(reasonMessage("toString")).toBe("tostring");
  });
});
