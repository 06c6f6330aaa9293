import { describe, expect, it } from "vitest";
import { createManualClock } from "@/server/shared/clock";
import { createAdmissionController, type Admission } from "./create-admission-controller";

const limits = { maxInFlight: 3, maxLoopDelayMs: 50, maxStallMs: 100, maxPerDesk: 2, sampleEveryMs: 10, windowMs: 500, retryAfterS: 2 };

function refused(a: Admission) {
  if (a.ok) throw new Error("expected a refusal");
  return a.error;
}

/** Ticks the sampler every 10 ms for `ms`, each tick `lateMs` late. */
function runLoop(clock: ReturnType<typeof createManualClock>, noteTick: (t: number) => void, ms: number, lateMs = 0) {
  const end = clock.nowMs() + ms;
  while (clock.nowMs() < end) {
    clock.advance(10 + lateMs);
    noteTick(clock.nowMs());
  }
}

describe("createAdmissionController", () => {
  it("sheds with 503 and Retry-After once in-flight reaches the cap, and admits again after a release", () => {
    const clock = createManualClock();
    const ac = createAdmissionController(clock, limits);
    const held = [ac.admit(), ac.admit(), ac.admit()];
    expect(held.every((a) => a.ok)).toBe(true);
    const err = refused(ac.admit());
    expect(err.status).toBe(503);
    expect(err.code).toBe("SERVICE_UNAVAILABLE");
    expect(err.headers["Retry-After"]).toBe("2");
    const first = held[0]!;
    if (first.ok) {
      first.release();
      first.release(); // a second release must not free a second slot
    }
    expect(ac.admit().ok).toBe(true);
    expect(ac.admit().ok).toBe(false);
    expect(ac.stats()).toMatchObject({ inFlight: 3, shedInFlight: 2, shedLoopDelay: 0, shedStall: 0 });
  });

  it("sheds while the mean loop delay is over budget and recovers within two windows of it ending", () => {
    const clock = createManualClock();
    const ac = createAdmissionController(clock, limits);
    ac.noteTick(clock.nowMs());
    runLoop(clock, ac.noteTick, 1000, 1);
    expect(ac.loopDelayMs()).toBeCloseTo(1, 5);
    expect(ac.admit().ok).toBe(true); // held: the next request would queue behind it
    runLoop(clock, ac.noteTick, 1000, 80); // sustained overload: every turn 80 ms late
    expect(ac.loopDelayMs()).toBeGreaterThan(50);
    expect(refused(ac.admit()).code).toBe("SERVICE_UNAVAILABLE");
    expect(ac.stats().shedLoopDelay).toBe(1);
    runLoop(clock, ac.noteTick, 1200, 0);
    expect(ac.loopDelayMs()).toBeLessThan(50);
    expect(ac.admit().ok).toBe(true);
  });

  it("serves a lone request however slow the loop (start-up, a background job)", () => {
    const clock = createManualClock();
    const ac = createAdmissionController(clock, limits);
    ac.noteTick(clock.nowMs());
    runLoop(clock, ac.noteTick, 1000, 200);
    clock.advance(500);
    for (let i = 0; i < 3; i++) {
      const a = ac.admit();
      expect(a.ok).toBe(true);
      if (a.ok) a.release();
      clock.advance(300); // its next request comes in a later (long) turn
      ac.noteTick(clock.nowMs());
    }
    expect(ac.stats()).toMatchObject({ shedLoopDelay: 0, shedStall: 0 });
    // Two arriving in the same slow turn: the second queues behind the first and is shed,
    // even though the first has already been answered.
    const first = ac.admit();
    if (first.ok) first.release();
    expect(refused(ac.admit()).status).toBe(503);
  });

  it("serves a client that sends one request at a time through a busy loop, though the sampler has not ticked between its requests", () => {
    const clock = createManualClock();
    const turnEnds: (() => void)[] = [];
    const endTurn = () => turnEnds.splice(0).forEach((fn) => fn());
    const ac = createAdmissionController(clock, limits, (fn) => turnEnds.push(fn));
    ac.noteTick(clock.nowMs());
    runLoop(clock, ac.noteTick, 1000, 200); // mean delay far over budget
    for (let i = 0; i < 5; i++) {
      const a = ac.admit();
      expect(a.ok, `request ${i}`).toBe(true);
      if (a.ok) a.release();
      clock.advance(3); // answered; the client's next request arrives in a later turn
      endTurn();
    }
    // A burst in one turn is still shed behind its first request.
    const first = ac.admit();
    if (first.ok) first.release();
    expect(refused(ac.admit()).status).toBe(503);
  });

  it("does not shed for one long pause among normal turns", () => {
    const clock = createManualClock();
    const ac = createAdmissionController(clock, limits);
    ac.noteTick(clock.nowMs());
    runLoop(clock, ac.noteTick, 300, 0);
    clock.advance(300); // a GC pause or a checkpoint
    ac.noteTick(clock.nowMs());
    runLoop(clock, ac.noteTick, 200, 0);
    expect(ac.loopDelayMs()).toBeLessThan(50);
    expect(ac.admit().ok).toBe(true);
  });

  it("sheds during a long stall in progress, before the sampler can report it", () => {
    const clock = createManualClock();
    const ac = createAdmissionController(clock, limits);
    ac.noteTick(clock.nowMs());
    runLoop(clock, ac.noteTick, 500, 0);
    clock.advance(80); // the loop is busy with a pile of requests; no tick yet
    expect(ac.admit().ok).toBe(true);
    expect(ac.admit().ok).toBe(true); // a turn holding a few orders' work is not overload
    clock.advance(40);
    expect(ac.loopDelayMs()).toBe(0);
    expect(refused(ac.admit()).status).toBe(503);
    expect(ac.stats()).toMatchObject({ shedStall: 1, shedLoopDelay: 0 });
    ac.noteTick(clock.nowMs()); // the turn ends; one late tick among fifty on time
    expect(ac.admit().ok).toBe(true);
  });

  it("limits concurrent requests per desk with 429, independently of other desks", () => {
    const clock = createManualClock();
    const ac = createAdmissionController(clock, limits);
    const a1 = ac.admitDesk("a");
    const a2 = ac.admitDesk("a");
    const err = refused(ac.admitDesk("a"));
    expect(err.status).toBe(429);
    expect(err.code).toBe("RATE_LIMITED");
    expect(err.headers["Retry-After"]).toBe("2");
    expect(ac.admitDesk("b").ok).toBe(true);
    if (a1.ok) a1.release();
    expect(ac.admitDesk("a").ok).toBe(true);
    expect(ac.admitDesk("a").ok).toBe(false);
    if (a2.ok) a2.release();
    expect(ac.stats().deskRefused).toBe(2);
  });
});
