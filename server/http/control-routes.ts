import { KillSwitchBodySchema, KillSwitchResponseSchema, OrderResponseSchema } from "@/lib/contracts/orders";
import { cancelOrder, setKillSwitch } from "@/server/intelligence/cancel-order";
import { pauseOrder, resumeOrder } from "@/server/intelligence/pause-order";
import { parseJsonBody } from "./parse-request";
import { respond } from "./respond";
import { withApiKey } from "./with-api-key";

/**
 * The control actions' POST handlers (kill switch, cancel, pause, resume), defined once:
 * their route files re-export them for Next.js, and under `next start` the front gate
 * serves them itself (serve-outside-next.ts) so they skip Next's request pipeline, whose
 * many loop turns each wait behind other requests when the server is loaded.
 */
export const postKillSwitch = withApiKey(
  "trade",
  async ({ request, core, principal }) => {
    const body = await parseJsonBody(request, KillSwitchBodySchema);
    return respond(KillSwitchResponseSchema, await setKillSwitch(core, principal, body.action));
  },
  { control: true },
);

export const postCancelOrder = withApiKey("trade", async ({ core, principal, params }) => respond(OrderResponseSchema, await cancelOrder(core, principal, params.id ?? "")), {
  control: true,
});

export const postPauseOrder = withApiKey("trade", async ({ core, principal, params }) => respond(OrderResponseSchema, await pauseOrder(core, principal, params.id ?? "")), {
  control: true,
});

export const postResumeOrder = withApiKey("trade", async ({ core, principal, params }) => respond(OrderResponseSchema, await resumeOrder(core, principal, params.id ?? "")), {
  control: true,
});

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ORDER_CONTROL = /^\/v1\/orders\/([^/]+)\/(cancel|pause|resume)$/;
const ORDER_HANDLERS: Record<string, RouteHandler> = { cancel: postCancelOrder, pause: postPauseOrder, resume: postResumeOrder };

/**
 * The control action a request is, with its route params (the order id percent-decoded as
 * Next.js does), or undefined (also for an id that does not decode: Next answers those).
 */
export function matchControlRoute(method: string | undefined, path: string): { handler: RouteHandler; params: Record<string, string> } | undefined {
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
