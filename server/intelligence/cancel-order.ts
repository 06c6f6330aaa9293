import type { z } from "zod";
import type { KillSwitchResponseSchema, KillSwitchState, OrderResponseSchema } from "@/lib/contracts/orders";
import type { Principal } from "@/server/auth/principal";
import type { Core } from "@/server/core";
import { isTerminalStatus } from "@/server/execution/order-states";
import { ApiError } from "@/server/http/api-error";
import { msToNs } from "@/server/shared/clock";
import { awaitDurable } from "./await-durable";
import { findDeskOrder, getOrder } from "./read-orders";

/** POST /v1/orders/{id}/cancel: a finished order is a 409; a working one is cancelled (its graph nodes too). */
export async function cancelOrder(core: Core, principal: Principal, id: string): Promise<z.input<typeof OrderResponseSchema>> {
  const record = await findDeskOrder(core, principal.deskId, id);
  const current = await getOrder(core, principal.deskId, record.id);
  if (isTerminalStatus(current.order.status)) {
    throw new ApiError("CONFLICT", `Order ${record.id} is already ${current.order.status}; nothing to cancel`);
  }
  const now = core.clock.nowMs();
  const targets = record.graphId ? current.nodes.map((n) => n.order_id) : [record.id];
  // Answered when the cancel requests are durable (restart recovery honours them), not
  // when the whole journal is idle: under load that could take seconds.
  await awaitDurable(Promise.all(targets.map((orderId) => core.sandbox.runner.requestCancel(orderId, now, undefined, principal.keyId))), "cancel");
  return getOrder(core, principal.deskId, record.id);
}

/** GET /v1/kill_switch: the desk's switch as stored. */
export async function getKillSwitchState(core: Core, principal: Principal): Promise<KillSwitchState> {
  const record = await core.store.getKillSwitch(principal.deskId);
  return {
    engaged: record.engaged,
    changed_at_ns: record.changedAtMs === null ? null : msToNs(record.changedAtMs).toString(),
    changed_by_key_id: record.changedByKeyId,
  };
}

/**
 * POST /v1/kill_switch. The switch is a fence: order creation checks it in its own
 * transaction, so once the engage has committed no order can be accepted; orders accepted
 * before it are cancelled here, including any whose create committed but which have not
 * reached the runner yet (the runner's fence cancels those on arrival). The answer comes
 * once the switch and the cancel requests are durable (restart recovery enforces both),
 * not when every order has ended: children already at a venue end within their ack
 * latency, and waiting for them would put the venue's latency into the engage's.
 */
export async function setKillSwitch(core: Core, principal: Principal, action: "engage" | "release"): Promise<z.input<typeof KillSwitchResponseSchema>> {
  const now = core.clock.nowMs();
  const record = await core.store.setKillSwitch(principal.deskId, action === "engage", principal.keyId, now);
  const runner = core.sandbox.runner;
  runner.setFence(principal.deskId, record.engaged, record.version);
  if (!record.engaged) return { engaged: false, changed_at_ns: msToNs(record.changedAtMs ?? now).toString(), cancelled_orders: 0 };
  const cancelled = await awaitDurable(runner.cancelDesk(principal.deskId, now, "KILL_SWITCH", principal.keyId), "kill switch's cancels");
  return { engaged: record.engaged, changed_at_ns: msToNs(record.changedAtMs ?? now).toString(), cancelled_orders: cancelled };
}
