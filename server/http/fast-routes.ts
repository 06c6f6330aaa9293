import type { z } from "zod";
import { HealthResponseSchema } from "@/lib/contracts/health";
import { KillSwitchBodySchema, KillSwitchResponseSchema, OrderResponseSchema } from "@/lib/contracts/orders";
import type { Principal } from "@/server/auth/principal";
import type { Core } from "@/server/core";
import { cancelOrder, setKillSwitch } from "@/server/intelligence/cancel-order";
import { describeHealth, healthStatusCode } from "@/server/intelligence/describe-health";
import { pauseOrder, resumeOrder } from "@/server/intelligence/pause-order";
import { parseJsonBody } from "./parse-request";
import { respond } from "./respond";
import { withApiKey } from "./with-api-key";
import { withRequest } from "./with-request";

/**
 * The handlers that must answer fast when the server is busiest, defined once: the control
 * actions' POSTs (kill switch, cancel, pause, resume) and GET /v1/health. Their route files
 * re-export them for Next.js, and under `next start` the front gate serves them itself
 * (serve-outside-next.ts), so they skip Next's request pipeline: measured under load, a
 * 1–8 ms handler spent 80–190 ms there, each of its loop turns waiting behind other work.
 */
export const getHealth = withRequest(
  ({ core }) => {
    const health = describeHealth(core);
    return respond(HealthResponseSchema, health, { status: healthStatusCode(health) });
  },
  { shed: false },
);

export const postKillSwitch = withApiKey(
  "trade",
  async ({ request, core, principal }) => {
    const body = await parseJsonBody(request, KillSwitchBodySchema);
    return respond(KillSwitchResponseSchema, await setKillSwitch(core, principal, body.action));
  },
  { control: true },
);

/** cancel, pause, resume: the order's id from the path, the order as the answer. */
const orderControl = (act: (core: Core, principal: Principal, orderId: string) => Promise<z.input<typeof OrderResponseSchema>>) =>
  withApiKey("trade", async ({ core, principal, params }) => respond(OrderResponseSchema, await act(core, principal, params.id ?? "")), { control: true });

export const postCancelOrder = orderControl(cancelOrder);
export const postPauseOrder = orderControl(pauseOrder);
export const postResumeOrder = orderControl(resumeOrder);

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ORDER_CONTROL = /^\/v1\/orders\/([^/]+)\/(cancel|pause|resume)$/;
const ORDER_HANDLERS: Record<string, RouteHandler> = { cancel: postCancelOrder, pause: postPauseOrder, resume: postResumeOrder };

export interface FastRoute {
  handler: RouteHandler;
  params: Record<string, string>;
}

/**
 * The fast route a request is, with its route params (the order id percent-decoded as
 * Next.js does), or undefined (also for an id that does not decode: Next answers those).
 */
export function matchFastRoute(method: string | undefined, path: string): FastRoute | undefined {
  if (method === "GET" && path === "/v1/health") return { handler: getHealth, params: {} };
  if (method !== "POST") return undefined;
  if (path === "/v1/kill_switch") return { handler: postKillSwitch, params: {} };
  const m = ORDER_CONTROL.exec(path);
  if (!m) return undefined;
  const handler = ORDER_HANDLERS[m[2] as string];
  let id: string;
  try {
    id = decodeURIComponent(m[1] as string);
  } catch {
    return undefined;
  }
  return handler ? { handler, params: { id } } : undefined;
}
