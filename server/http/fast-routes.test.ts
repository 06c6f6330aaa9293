import { describe, expect, it } from "vitest";
import { getHealth, matchFastRoute, postCancelOrder, postKillSwitch, postPauseOrder, postResumeOrder } from "./fast-routes";

describe("matchFastRoute", () => {
  it("matches the control actions' POSTs and GET /v1/health only, with the order id decoded", () => {
    expect(matchFastRoute("POST", "/v1/kill_switch")?.handler).toBe(postKillSwitch);
    expect(matchFastRoute("POST", "/v1/orders/ord_1/cancel")).toEqual({ handler: postCancelOrder, params: { id: "ord_1" } });
    expect(matchFastRoute("POST", "/v1/orders/ord_1/pause")?.handler).toBe(postPauseOrder);
    expect(matchFastRoute("POST", "/v1/orders/ord%201/resume")).toEqual({ handler: postResumeOrder, params: { id: "ord 1" } });
    expect(matchFastRoute("GET", "/v1/kill_switch")).toBeUndefined();
    expect(matchFastRoute("GET", "/v1/health")).toEqual({ handler: getHealth, params: {} });
    expect(matchFastRoute("POST", "/v1/health")).toBeUndefined(); // Next answers 405
    expect(matchFastRoute("POST", "/v1/orders")).toBeUndefined();
    expect(matchFastRoute("POST", "/v1/orders/ord_1/cancel/x")).toBeUndefined();
    expect(matchFastRoute("POST", "/v1/orders/ord_1/fill")).toBeUndefined();
    expect(matchFastRoute("POST", "/v1/orders//cancel")).toBeUndefined();
    expect(matchFastRoute("POST", "/v1/orders/%E0%A4%A/cancel")).toBeUndefined(); // left to Next
  });
});
