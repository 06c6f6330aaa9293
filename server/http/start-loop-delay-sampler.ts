import type { Clock } from "@/server/shared/clock";

/**
 * Feeds the admission controller's loop-delay measure: a timer that should fire every
 * `everyMs` reports when it actually ran; how late it was is the event loop's delay.
 * Unref'd so it never keeps a process (a test, a script) alive. Returns the stop function.
 */
export function startLoopDelaySampler(clock: Clock, everyMs: number, noteTick: (nowMs: number) => void): () => void {
  noteTick(clock.nowMs());
  const timer = setInterval(() => noteTick(clock.nowMs()), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
