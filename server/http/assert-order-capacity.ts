import type { Core } from "@/server/core";
import { ApiError } from "./api-error";

/** One desk may hold at most this share of the sandbox's capacity: its flood leaves a quarter for other desks. */
export const DESK_SHARE_OF_CAPACITY = 0.75;

/**
 * POST /v1/orders' own admission: every working order costs the sandbox work on each
 * 100 ms tick, so past `MAX_WORKING_ORDERS` a new one would slow every order already
 * working (and the whole server with them): 503 + Retry-After. A desk holding its share
 * already gets 429 + Retry-After, while other desks are still served. Refused before
 * anything is written; an idempotent retry is answered once there is room again.
 */
export function assertOrderCapacity(core: Pick<Core, "sandbox" | "env">, deskId: string): void {
  const working = core.sandbox.runner.working();
  const max = core.env.MAX_WORKING_ORDERS;
  if (working.length >= max) {
    throw new ApiError("SERVICE_UNAVAILABLE", `The sandbox is working ${working.length} orders, its capacity; retry shortly`, [], { "Retry-After": "1" });
  }
  const share = Math.max(1, Math.floor(max * DESK_SHARE_OF_CAPACITY));
  const mine = working.reduce((n, p) => n + (p.deskId === deskId ? 1 : 0), 0);
  if (mine >= share) {
    throw new ApiError("RATE_LIMITED", `This desk has ${mine} working orders, its share of the sandbox's ${max}; retry when some finish`, [], { "Retry-After": "1" });
  }
}
