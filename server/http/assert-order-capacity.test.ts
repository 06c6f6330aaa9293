import { describe, expect, it } from "vitest";
import type { Core } from "@/server/core";
import type { ParentOrder } from "@/server/execution/parent-order";
import { assertOrderCapacity } from "./assert-order-capacity";

function coreWith(desks: string[], max: number): Pick<Core, "sandbox" | "env"> {
  const working = desks.map((deskId) => ({ deskId }) as ParentOrder);
  return { env: { MAX_WORKING_ORDERS: max }, sandbox: { runner: { working: () => working } } } as unknown as Pick<Core, "sandbox" | "env">;
}

describe("assertOrderCapacity", () => {
  it("503 at the sandbox's capacity; 429 for a desk holding three quarters of it while another desk is served", () => {
    expect(() => assertOrderCapacity(coreWith(Array(10).fill("b"), 10), "a")).toThrow(expect.objectContaining({ code: "SERVICE_UNAVAILABLE", headers: { "Retry-After": "1" } }));
    expect(() => assertOrderCapacity(coreWith(Array(6).fill("b"), 10), "b")).not.toThrow();
    const flooded = coreWith(Array(7).fill("b"), 10);
    expect(() => assertOrderCapacity(flooded, "b")).toThrow(expect.objectContaining({ code: "RATE_LIMITED" }));
    expect(() => assertOrderCapacity(flooded, "a")).not.toThrow();
    expect(() => assertOrderCapacity(coreWith([], 1), "a")).not.toThrow();
  });
});
