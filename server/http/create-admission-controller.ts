import type { Clock } from "@/server/shared/clock";
import { ApiError } from "./api-error";

/**
 * Load shedding in front of the handlers. Past capacity a request that is let in only
 * lengthens the queue every other request (and /v1/health) waits in, so latency grows
 * without bound and clients see connect timeouts instead of an answer. Refusing early and
 * cheaply (before authentication's store lookup) keeps the loop free, and a 503/429 with
 * Retry-After tells a client what to do.
 *
 * Two global signals, either sheds with 503 SERVICE_UNAVAILABLE:
 * - requests in flight (entered a handler, not yet answered) above `maxInFlight`;
 * - event-loop delay: the sampler's mean tick delay over the last one or two windows above
 *   `maxLoopDelayMs` (sustained overload: every loop turn is long). A mean, not a max: one
 *   long GC pause or store checkpoint must not shed the next second's traffic;
 * - a stall in progress above `maxStallMs` (time since the sampler last ran, beyond its
 *   interval): a turn handling a pile of queued requests, seen while it happens, so the rest
 *   of the pile is refused cheaply instead of each waiting for the one before. Its bar is
 *   higher than the mean's: at a steady, sustainable load one turn may well hold a few
 *   orders' work (more so on a CPU shared with other processes), and refusing there would
 *   shed traffic the server can serve.
 * The delay signals apply only when this request queues behind another (one in flight, or
 * another arrived in the same loop turn): a slow loop with nothing queued (start-up, a
 * background job) is no reason to refuse the one request that came. Under overload this
 * still admits the first request of each turn, so work goes on at about one request per
 * turn while the rest are refused.
 * Per desk, more than `maxPerDesk` concurrent requests → 429 RATE_LIMITED: one desk's burst
 * cannot take the whole in-flight budget from the others.
 *
 * Pure apart from the injected clock: the sampler (start-loop-delay-sampler.ts) feeds
 * noteTick from a timer, tests feed it directly. Under `next start` the global gate runs in
 * front of Next.js (install-front-gate.ts), elsewhere in withRequest.
 */
export interface AdmissionLimits {
  maxInFlight: number;
  maxLoopDelayMs: number;
  maxStallMs: number;
  maxPerDesk: number;
  /** The sampler's interval: a tick later than this is loop delay. */
  sampleEveryMs: number;
  /** The mean tick delay is taken over the current and the previous window of this length. */
  windowMs: number;
  /** Retry-After (s) on a refusal. */
  retryAfterS: number;
}

export type Admission = { ok: true; release(): void } | { ok: false; error: ApiError };

export interface AdmissionStats {
  inFlight: number;
  /** Mean tick delay over the last one or two windows, ms. */
  loopDelayMs: number;
  /** Refusals since start, by reason. */
  shedInFlight: number;
  shedLoopDelay: number;
  shedStall: number;
  deskRefused: number;
}

export interface AdmissionController {
  /** Global gate: on ok the caller must call release() once the response is made. */
  admit(): Admission;
  /** Per-desk gate, after authentication; same contract. */
  admitDesk(deskId: string): Admission;
  /** The sampler's timer fired at nowMs (expected every sampleEveryMs). */
  noteTick(nowMs: number): void;
  /** The mean loop delay admission judges by, ms. */
  loopDelayMs(): number;
  stats(): AdmissionStats;
  /**
   * Whether a front gate (install-front-gate.ts) admits requests before Next.js does; then
   * withRequest must not admit them a second time.
   */
  fronted(): boolean;
  setFronted(on: boolean): void;
}

export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = {
  maxInFlight: 32,
  maxLoopDelayMs: 8,
  maxStallMs: 32,
  maxPerDesk: 16,
  sampleEveryMs: 10,
  windowMs: 500,
  retryAfterS: 1,
};

export function createAdmissionController(
  clock: Clock,
  limits: Partial<AdmissionLimits> = {},
  /**
   * Runs `fn` once the current loop turn's I/O has been handled (setImmediate: the check
   * phase follows the poll phase that emitted the requests). Tests pass their own.
   */
  afterThisTurn: (fn: () => void) => void = (fn) => setImmediate(fn),
): AdmissionController {
  const l = { ...DEFAULT_ADMISSION_LIMITS, ...limits };
  let inFlight = 0;
  const shed = { inFlight: 0, loopDelay: 0, stall: 0 };
  let deskRefused = 0;
  let fronted = false;
  /**
   * /v1 requests that asked for admission in this loop turn. A burst arrives in one poll
   * phase; a client sending one request at a time cannot (its next request needs the
   * answer first), however many it sends between two sampler ticks of a busy loop.
   */
  let arrivalsThisTurn = 0;
  const perDesk = new Map<string, number>();
  let lastTickMs: number | undefined;
  let windowStartMs = clock.nowMs();
  const current = { sum: 0, ticks: 0 };
  const previous = { sum: 0, ticks: 0 };

  const rollWindow = (nowMs: number) => {
    if (nowMs - windowStartMs < l.windowMs) return;
    // A gap of more than a window with no roll: the previous window is older than that.
    const adjacent = nowMs - windowStartMs < 2 * l.windowMs;
    previous.sum = adjacent ? current.sum : 0;
    previous.ticks = adjacent ? current.ticks : 0;
    current.sum = 0;
    current.ticks = 0;
    windowStartMs = nowMs;
  };

  const loopDelayMs = () => {
    rollWindow(clock.nowMs());
    const ticks = current.ticks + previous.ticks;
    return ticks > 0 ? (current.sum + previous.sum) / ticks : 0;
  };
  const stallMs = () => (lastTickMs === undefined ? 0 : Math.max(0, clock.nowMs() - lastTickMs - l.sampleEveryMs));

  const once = (release: () => void) => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      release();
    };
  };

  const refuse = (code: "SERVICE_UNAVAILABLE" | "RATE_LIMITED", message: string): Admission => ({
    ok: false,
    error: new ApiError(code, message, [], { "Retry-After": String(l.retryAfterS) }),
  });

  return {
    admit() {
      if (arrivalsThisTurn === 0) afterThisTurn(() => (arrivalsThisTurn = 0));
      arrivalsThisTurn++;
      if (inFlight >= l.maxInFlight) {
        shed.inFlight++;
        return refuse("SERVICE_UNAVAILABLE", `Server at capacity (${l.maxInFlight} requests in flight); retry shortly`);
      }
      // A request that queues behind nobody is not load the server cannot take: a lone
      // client during start-up or behind a background job's long turn is served. Handlers
      // mostly finish within the turn they start in (the SQLite store is synchronous), so
      // "another request arrived since the sampler last ran" is the sign of a queue.
      if (inFlight === 0 && arrivalsThisTurn === 1) {
        inFlight++;
        return { ok: true, release: once(() => inFlight--) };
      }
      if (loopDelayMs() > l.maxLoopDelayMs) {
        shed.loopDelay++;
        return refuse("SERVICE_UNAVAILABLE", "Server overloaded (event loop delayed); retry shortly");
      }
      if (stallMs() > l.maxStallMs) {
        shed.stall++;
        return refuse("SERVICE_UNAVAILABLE", "Server overloaded (event loop busy); retry shortly");
      }
      inFlight++;
      return { ok: true, release: once(() => inFlight--) };
    },
    admitDesk(deskId) {
      const n = perDesk.get(deskId) ?? 0;
      if (n >= l.maxPerDesk) {
        deskRefused++;
        return refuse("RATE_LIMITED", `Too many concurrent requests for this desk (limit ${l.maxPerDesk}); retry shortly`);
      }
      perDesk.set(deskId, n + 1);
      return {
        ok: true,
        release: once(() => {
          const left = (perDesk.get(deskId) ?? 1) - 1;
          if (left > 0) perDesk.set(deskId, left);
          else perDesk.delete(deskId);
        }),
      };
    },
    noteTick(nowMs) {
      arrivalsThisTurn = 0;
      rollWindow(nowMs);
      if (lastTickMs !== undefined) {
        current.sum += Math.max(0, nowMs - lastTickMs - l.sampleEveryMs);
        current.ticks++;
      }
      lastTickMs = nowMs;
    },
    loopDelayMs,
    fronted: () => fronted,
    setFronted: (on) => {
      fronted = on;
    },
    stats: () => ({ inFlight, loopDelayMs: loopDelayMs(), shedInFlight: shed.inFlight, shedLoopDelay: shed.loopDelay, shedStall: shed.stall, deskRefused }),
  };
}
