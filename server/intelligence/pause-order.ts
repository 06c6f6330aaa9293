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
  if (action === "pause" && nodes.every((n) => n.status === "ACCEPTED")) {
    throw new ApiError("CONFLICT", `Order ${record.id} has not started (it waits for its graph trigger); cancel it instead`);
  }
  const now = core.clock.nowMs();
  const runner = core.sandbox.runner;
  for (const node of nodes) {
    if (action === "pause") runner.pause(node.order_id, now, principal.keyId);
    else runner.resume(node.order_id, now, principal.keyId);
  }
  await runner.flush();
  return getOrder(core, principal.deskId, record.id);
}
