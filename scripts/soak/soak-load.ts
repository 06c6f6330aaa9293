/**
 * The soak's traffic: order submissions at a fixed rate (open loop: a slow server does not
 * slow the offered load), resting limits cancelled a few seconds later as a desk would,
 * and readers polling the live view, a review, the summary and health. Every answer's
 * status and the ack and health latencies go to the recorder.
 */
import type { ApiClient } from "../faults/api-client";
import { orderIdsOf } from "../faults/api-client";
import type { DemoKeys } from "../faults/app-server";
import type { FlowKind } from "../faults/fault-ledger";
import { makeBody, type Mids } from "../faults/order-bodies";
import type { SeededRandom } from "../faults/seeded-random";

export interface SoakRecorder {
  ackMs: number[];
  healthMs: number[];
  statuses: Map<string, number>;
}

export function createRecorder(): SoakRecorder {
  return { ackMs: [], healthMs: [], statuses: new Map() };
}

export interface SoakLoadOptions {
  api: ApiClient;
  keys: DemoKeys;
  rng: SeededRandom;
  mids: Mids;
  rate: number;
  recorder: () => SoakRecorder;
}

const MIX: readonly [FlowKind, number][] = [
  ["sor", 50],
  ["direct", 15],
  ["twap", 12],
  ["resting", 13],
  ["graph", 5],
  ["chase", 5],
];
const MAX_IN_FLIGHT = 64;

export function startSoakLoad(o: SoakLoadOptions): { stop(): Promise<void> } {
  const pending = new Set<Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  const recent: string[] = [];
  let seq = 0;
  const track = (p: Promise<void>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  const count = (label: string, status: number) => {
    const key = `${label} ${status === 0 ? "no answer" : status}`;
    const r = o.recorder();
    r.statuses.set(key, (r.statuses.get(key) ?? 0) + 1);
  };

  const submitOne = async () => {
    const kind = pickKind(o.rng);
    const fb = makeBody(kind, o.rng, o.mids, `soak-${process.pid}-${++seq}`);
    const ans = await o.api.call("POST", "/v1/orders", o.keys.trader, fb.body);
    count("POST /v1/orders", ans.status);
    if (ans.status !== 201) return;
    o.recorder().ackMs.push(ans.answeredAtMs - ans.sentAtMs);
    const id = orderIdsOf(ans.body)?.orderId;
    if (!id) return;
    recent.push(id);
    if (recent.length > 200) recent.shift();
    if (kind === "resting") {
      const t = setTimeout(() => track(o.api.call("POST", `/v1/orders/${id}/cancel`, o.keys.trader).then((a) => count("POST /cancel", a.status))), 5_000);
      timers.push(t);
    }
  };
  const read = async (label: string, path: string) => count(label, (await o.api.call("GET", path, o.keys.viewer)).status);

  timers.push(
    setInterval(() => {
      if (pending.size < MAX_IN_FLIGHT) track(submitOne());
    }, 1000 / o.rate),
    setInterval(() => {
      const a = recent.at(-1);
      const b = recent[Math.floor(o.rng.next() * recent.length)];
      if (a) track(read("GET live", `/v1/execution/live/${a}`));
      if (b) track(read("GET review", `/v1/execution/review/${b}`));
      track(read("GET summary", "/v1/execution/summary"));
    }, 1_000),
    setInterval(() => {
      track(
        o.api.call("GET", "/v1/health", undefined).then((a) => {
          count("GET health", a.status);
          if (a.status === 200) o.recorder().healthMs.push(a.answeredAtMs - a.sentAtMs);
        }),
      );
    }, 500),
  );
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.all([...pending]);
    },
  };
}

function pickKind(rng: SeededRandom): FlowKind {
  let x = rng.uniform(0, MIX.reduce((s, [, w]) => s + w, 0));
  for (const [kind, w] of MIX) if ((x -= w) < 0) return kind;
  return "sor";
}
