/**
 * POST /v1/orders/{id}/pause and /resume. Pausing stops new child orders and the TWAP
 * schedule (resting children are pulled; immediate-or-cancel ones already sent finish);
 * resuming picks up with the schedule moved later by the pause. A graph pauses or resumes
 * every node that is running. Repeating a pause or a resume is harmless: the answer is the
 * order as it stands.
 */
import type { z } from "zod";
import type { OrderResponseSchema } from "@/lib/contracts/orders";
import type { Principal } from "@/server/auth/principal";
import type { Core } from "@/server/core";
import { isTerminalStatus } from "@/server/execution/order-states";
import { ApiError } from "@/server/http/api-error";
import { awaitDurable } from "./await-durable";
import { findDeskOrder, getOrder } from "./read-orders";

type OrderAnswer = z.input<typeof OrderResponseSchema>;

export function pauseOrder(core: Core, principal: Principal, id: string): Promise<OrderAnswer> {
  return control(core, principal, id, "pause");
}

export function resumeOrder(core: Core, principal: Principal, id: string): Promise<OrderAnswer> {
  return control(core, principal, id, "resume");
}

async function control(core: Core, principal: Principal, id: string, action: "pause" | "resume"): Promise<OrderAnswer> {
  const record = await findDeskOrder(core, principal.deskId, id);
  const current = await getOrder(core, principal.deskId, record.id);
  if (isTerminalStatus(current.order.status)) {
    throw new ApiError("CONFLICT", `Order ${record.id} is already ${current.order.status}; nothing to ${action}`);
  }
  const nodes = record.graphId ? current.nodes : [current.order];
  const runner = core.sandbox.runner;
  // The runner knows an order has started before its `started` event is written, so a
  // pause right after acceptance works; only nodes still waiting for a trigger cannot pause.
  const waiting = (n: { order_id: string; status: string }) => runner.get(n.order_id)?.waiting ?? n.status === "ACCEPTED";
  if (action === "pause" && nodes.every(waiting)) {
    throw new ApiError("CONFLICT", `Order ${record.id} has not started (it waits for its graph trigger); cancel it instead`);
  }
  const now = core.clock.nowMs();
  const done = nodes.map((node) => (action === "pause" ? runner.pause(node.order_id, now, principal.keyId) : runner.resume(node.order_id, now, principal.keyId)));
  // Answered when its own events are durable, not when the whole journal is idle.
  await awaitDurable(Promise.all(done), action);
  return getOrder(core, principal.deskId, record.id);
}
