import { describe, expect, it } from "vitest";
import { isControlAction } from "./is-control-action";

describe("isControlAction", () => {
  it("names the kill switch and order cancel/pause/resume posts, nothing else", () => {
    expect(isControlAction("POST", "/v1/kill_switch")).toBe(true);
    for (const a of ["cancel", "pause", "resume"]) expect(isControlAction("POST", `/v1/orders/ord_1/${a}`)).toBe(true);
    expect(isControlAction("GET", "/v1/kill_switch")).toBe(false);
    expect(isControlAction("POST", "/v1/orders")).toBe(false);
    expect(isControlAction("POST", "/v1/orders/ord_1/cancel/x")).toBe(false);
    expect(isControlAction("POST", "/v1/orders/ord_1/fill")).toBe(false);
  });
});
