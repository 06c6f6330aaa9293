/**
 * The client side of a chaos cycle: a few workers issuing a realistic mix against the API
 * (SOR, direct-venue, resting limits, TWAPs, multi-node graphs, chase orders, cancels,
 * pauses and resumes, idempotent resubmits and, in some cycles, the kill switch) until
 * told to stop, recording every acknowledgement in the ledger. Paced under the demo
 * desk's 50 requests/s so the rate limiter rarely answers instead of the service.
 */
import { orderIdsOf, type ApiClient } from "./api-client";
import type { DemoKeys } from "./app-server";
import { countStatus, type FaultLedger, type FlowKind } from "./fault-ledger";
import { makeBody, type Mids } from "./order-bodies";
import type { SeededRandom } from "./seeded-random";

export interface FlowOptions {
  api: ApiClient;
  keys: DemoKeys;
  rng: SeededRandom;
  mids: Mids;
  ledger: FaultLedger;
  /** Prefix for idempotency keys, unique per cycle. */
  tag: string;
  killSwitch: boolean;
  workers?: number;
  shouldStop: () => boolean;
}

const SUBMITS: readonly [FlowKind, number][] = [
  ["sor", 26],
  ["direct", 10],
  ["resting", 9],
  ["twap", 10],
  ["graph", 8],
  ["chase", 6],
];

export async function driveMixedFlow(o: FlowOptions): Promise<void> {
  let seq = 0;
  const nextTag = () => `${o.tag}-${++seq}`;
  const workers = Array.from({ length: o.workers ?? 2 }, (_, w) => runWorker(o, o.rng.fork(`worker-${w}`), nextTag));
  await Promise.all(workers);
}

async function runWorker(o: FlowOptions, rng: SeededRandom, nextTag: () => string): Promise<void> {
  while (!o.shouldStop()) {
    const roll = rng.uniform(0, 100);
    if (roll < 69) await submit(o, rng, weightedKind(rng), nextTag());
    else if (roll < 79) await cancelOne(o, rng);
    else if (roll < 84) await pauseOne(o, rng);
    else if (roll < 88) await resumeOne(o, rng);
    else if (roll < 95) await resubmitOne(o, rng);
    else if (o.killSwitch) await toggleKillSwitch(o, rng);
    await new Promise((r) => setTimeout(r, rng.int(10, 60)));
  }
}

function weightedKind(rng: SeededRandom): FlowKind {
  const total = SUBMITS.reduce((s, [, w]) => s + w, 0);
  let x = rng.uniform(0, total);
  for (const [kind, w] of SUBMITS) {
    if ((x -= w) < 0) return kind;
  }
  return "sor";
}

export async function submit(o: Pick<FlowOptions, "api" | "keys" | "rng" | "mids" | "ledger">, rng: SeededRandom, kind: FlowKind, tag: string): Promise<void> {
  const fb = makeBody(kind, rng, o.mids, tag);
  const ans = await o.api.call("POST", "/v1/orders", o.keys.trader, fb.body);
  countStatus(o.ledger, "POST /v1/orders", ans.status);
  const ids = orderIdsOf(ans.body);
  if ((ans.status === 201 || ans.status === 200) && ids) {
    o.ledger.orders.push({
      orderId: ids.orderId,
      nodeIds: ids.nodeIds.length ? ids.nodeIds : [ids.orderId],
      kind: fb.kind,
      body: fb.body,
      idemKey: fb.idemKey,
      sentAtMs: ans.sentAtMs,
      ackedAtMs: ans.answeredAtMs,
    });
  } else if (ans.status === 0 && fb.idemKey) {
    o.ledger.unanswered.push({ body: fb.body, kind: fb.kind, idemKey: fb.idemKey });
  }
}

/** Recent orders are the ones most likely still working. */
function pickRecent(o: FlowOptions, rng: SeededRandom) {
  const list = o.ledger.orders;
  if (list.length === 0) return undefined;
  return list[Math.max(0, list.length - 1 - rng.int(0, Math.min(8, list.length - 1)))];
}

async function cancelOne(o: FlowOptions, rng: SeededRandom): Promise<void> {
  const target = pickRecent(o, rng);
  if (!target) return;
  const ans = await o.api.call("POST", `/v1/orders/${target.orderId}/cancel`, o.keys.trader);
  countStatus(o.ledger, "POST /cancel", ans.status);
  if (ans.status === 200) o.ledger.cancels.push({ orderId: target.orderId, targetIds: target.nodeIds, sentAtMs: ans.sentAtMs, ackedAtMs: ans.answeredAtMs });
}

async function pauseOne(o: FlowOptions, rng: SeededRandom): Promise<void> {
  const target = pickRecent(o, rng);
  if (!target) return;
  const ans = await o.api.call("POST", `/v1/orders/${target.orderId}/pause`, o.keys.trader);
  countStatus(o.ledger, "POST /pause", ans.status);
  // An unanswered pause may have happened: the client resumes it after the restart too.
  if (ans.status === 200 || ans.status === 0) o.ledger.pausedIds.add(target.orderId);
}

async function resumeOne(o: FlowOptions, rng: SeededRandom): Promise<void> {
  const paused = [...o.ledger.pausedIds];
  if (paused.length === 0) return;
  const id = rng.pick(paused);
  const ans = await o.api.call("POST", `/v1/orders/${id}/resume`, o.keys.trader);
  countStatus(o.ledger, "POST /resume", ans.status);
  if (ans.status === 200 || ans.status === 409) o.ledger.pausedIds.delete(id);
}

async function resubmitOne(o: FlowOptions, rng: SeededRandom): Promise<void> {
  const keyed = o.ledger.orders.filter((a) => a.idemKey !== undefined);
  if (keyed.length === 0) return;
  const pick = rng.pick(keyed);
  await resubmit(o, pick.body, pick.idemKey, pick.kind);
}

/** Sends a keyed body again: the answer must be the original order (200), never a new one. */
export async function resubmit(
  o: Pick<FlowOptions, "api" | "keys" | "ledger">,
  body: Record<string, unknown>,
  idemKey: string | undefined,
  kind: FlowKind,
): Promise<void> {
  if (!idemKey) return;
  const original = o.ledger.orders.find((a) => a.idemKey === idemKey);
  const ans = await o.api.call("POST", "/v1/orders", o.keys.trader, original?.body ?? body);
  countStatus(o.ledger, "POST /v1/orders (resubmit)", ans.status);
  const answered = orderIdsOf(ans.body)?.orderId;
  o.ledger.resubmits.push({ idemKey, originalOrderId: original?.orderId, status: ans.status, answeredOrderId: answered });
  if (!original && (ans.status === 201 || ans.status === 200) && answered) {
    const ids = orderIdsOf(ans.body);
    o.ledger.orders.push({
      orderId: answered,
      nodeIds: ids?.nodeIds.length ? ids.nodeIds : [answered],
      kind,
      body,
      idemKey,
      sentAtMs: ans.sentAtMs,
      ackedAtMs: ans.answeredAtMs,
    });
  }
}

async function toggleKillSwitch(o: FlowOptions, rng: SeededRandom): Promise<void> {
  const last = o.ledger.killSwitch.at(-1);
  const engaged = last?.action === "engage";
  if (!engaged && !rng.chance(0.4)) return;
  const action = engaged ? "release" : "engage";
  const ans = await o.api.call("POST", "/v1/kill_switch", o.keys.lead, { action });
  countStatus(o.ledger, `POST /v1/kill_switch ${action}`, ans.status);
  o.ledger.killSwitch.push({ action, status: ans.status, sentAtMs: ans.sentAtMs, answeredAtMs: ans.answeredAtMs });
}
