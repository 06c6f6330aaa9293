import type { OrderEvent } from "./order-events";

/**
 * Time an order spent paused up to `nowMs`, from its log (an open pause counts to now).
 * Paused time is not working time: the runner moves a paced schedule later by each pause,
 * so schedule adherence is measured on the time left after it.
 */
export function pausedMs(events: readonly OrderEvent[], nowMs: number): number {
  let total = 0;
  let since: number | undefined;
  for (const e of events) {
    if (e.kind === "paused" && since === undefined) since = e.atMs;
    else if (e.kind === "resumed" && since !== undefined) {
      total += e.atMs - since;
      since = undefined;
    }
  }
  return since === undefined ? total : total + Math.max(0, nowMs - since);
}

