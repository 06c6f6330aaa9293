import type { Core } from "@/server/core";
import { ApiError } from "./api-error";

/**
 * POST /v1/orders' own admission: every working order costs the sandbox work on each
 * 100 ms tick, so past `MAX_WORKING_ORDERS` a new one would slow every order already
 * working (and the whole server with them). Refused with 503 + Retry-After before
 * anything is written; an idempotent retry is answered once there is room again.
 */
export function assertOrderCapacity(core: Pick<Core, "sandbox" | "env">): void {
  const working = core.sandbox.runner.working().length;
  if (working >= core.env.MAX_WORKING_ORDERS) {
    throw new ApiError("SERVICE_UNAVAILABLE", `The sandbox is working ${working} orders, its capacity; retry shortly`, [], { "Retry-After": "1" });
  }
}
