import { describe, expect, it } from "vitest";
import { matchControlRoute, postCancelOrder, postKillSwitch, postPauseOrder, postResumeOrder } from "./control-routes";

describe("matchControlRoute", () => {
  it("matches the control actions' POSTs only, with the order id decoded", () => {
    expect(matchControlRoute("POST", "/v1/kill_switch")?.handler).toBe(postKillSwitch);
    expect(matchControlRoute("POST", "/v1/orders/ord_1/cancel")).toEqual({ handler: postCancelOrder, params: { id: "ord_1" } });
    expect(matchControlRoute("POST", "/v1/orders/ord_1/pause")?.handler).toBe(postPauseOrder);
    expect(matchControlRoute("POST", "/v1/orders/ord%201/resume")).toEqual({ handler: postResumeOrder, params: { id: "ord 1" } });
    expect(matchControlRoute("GET", "/v1/kill_switch")).toBeUndefined();
    expect(matchControlRoute("POST", "/v1/orders")).toBeUndefined();
    expect(matchControlRoute("POST", "/v1/orders/ord_1/cancel/x")).toBeUndefined();
    expect(matchControlRoute("POST", "/v1/orders/ord_1/fill")).toBeUndefined();
    expect(matchControlRoute("POST", "/v1/orders//cancel")).toBeUndefined();
    expect(matchControlRoute("POST", "/v1/orders/%E0%A4%A/cancel")).toBeUndefined(); // left to Next
  });
});
