import { afterEach, describe, expect, it } from "vitest";
import { issueApiKey } from "@/server/auth/issue-api-key";
import type { Core } from "@/server/core";
import { createManualClock } from "@/server/shared/clock";
import { openTempSqliteStore } from "@/server/store/testing/open-temp-sqlite-store";
import { createAdmissionController, type AdmissionLimits } from "./create-admission-controller";
import { createTokenBucketLimiter } from "./rate-limiter";
import { withApiKey } from "./with-api-key";
import { withRequest } from "./with-request";

const holder = globalThis as typeof globalThis & { __executionIntelligenceCore?: Promise<Core> };

/** The wrappers read the process's core; these tests put in one with the parts they use. */
function installCore(parts: Partial<Core>): void {
  holder.__executionIntelligenceCore = Promise.resolve({ log: { error: () => {} }, ...parts } as unknown as Core);
}

afterEach(() => {
  delete holder.__executionIntelligenceCore;
});

function gate<T = void>() {
  let open!: (v: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

const limits = (l: Partial<AdmissionLimits>) => createAdmissionController(createManualClock(), l);

async function expectRefusal(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("Retry-After")).toBe("1");
  expect(res.headers.get("X-Request-Id")).toBeTruthy();
  const body = (await res.json()) as { error: { code: string; request_id: string; details: unknown[] } };
  expect(body.error.code).toBe(code);
  expect(body.error.request_id).toBe(res.headers.get("X-Request-Id"));
  expect(body.error.details).toEqual([]);
}

describe("withRequest admission", () => {
  it("sheds with the 503 envelope past the in-flight cap, never sheds an exempt route, and frees the slot when a handler throws", async () => {
    installCore({ admission: limits({ maxInFlight: 1 }) });
    const slow = gate();
    const entered = gate();
    const handler = withRequest(async () => {
      entered.open();
      await slow.promise;
      return Response.json({ ok: true });
    });
    const health = withRequest(() => Response.json({ status: "ok" }), { shed: false });
    const failing = withRequest(() => {
      throw new Error("boom");
    });

    const first = handler(new Request("http://x/v1/quotes"));
    await entered.promise; // it holds the only slot
    await expectRefusal(await handler(new Request("http://x/v1/quotes")), 503, "SERVICE_UNAVAILABLE");
    expect((await health(new Request("http://x/v1/health"))).status).toBe(200);
    slow.open();
    expect((await first).status).toBe(200);

    expect((await failing(new Request("http://x/v1/quotes"))).status).toBe(500);
    const again = withRequest(() => Response.json({ ok: true }));
    expect((await again(new Request("http://x/v1/quotes"))).status).toBe(200);
  });
});

describe("withApiKey desk concurrency", () => {
  it("answers 429 past a desk's concurrent requests while another desk is served, after authentication", async () => {
    const { store, dispose } = await openTempSqliteStore();
    try {
      const clock = createManualClock();
      const deskA = await store.createDesk({ name: "a" });
      const deskB = await store.createDesk({ name: "b" });
      const a = await issueApiKey(store, { deskId: deskA.id, role: "trader", sandbox: true, label: "a" });
      const b = await issueApiKey(store, { deskId: deskB.id, role: "trader", sandbox: true, label: "b" });
      installCore({ store, clock, limiter: createTokenBucketLimiter(clock), admission: createAdmissionController(clock, { maxPerDesk: 2 }) });
      const slow = gate();
      const bothIn = gate();
      let inside = 0;
      const route = withApiKey("read", async () => {
        if (++inside === 2) bothIn.open();
        await slow.promise;
        return Response.json({ ok: true });
      });
      const call = (key: string) => route(new Request("http://x/v1/quotes", { headers: { Authorization: `Bearer ${key}` } }));

      const held = [call(a.key), call(a.key)];
      await bothIn.promise; // both authenticated and inside the handler
      await expectRefusal(await call(a.key), 429, "RATE_LIMITED");
      expect((await call("seq_test_" + "0".repeat(64))).status).toBe(401); // unknown key: 401, not 429
      const other = call(b.key);
      slow.open();
      expect((await Promise.all([...held, other])).map((r) => r.status)).toEqual([200, 200, 200]);
      expect((await call(a.key)).status).toBe(200);
    } finally {
      await dispose();
    }
  });

  it("a control action (kill switch, cancel) is served while the desk is at its cap and the process at its in-flight limit", async () => {
    const { store, dispose } = await openTempSqliteStore();
    try {
      const clock = createManualClock();
      const desk = await store.createDesk({ name: "c" });
      const a = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "a" });
      installCore({ store, clock, limiter: createTokenBucketLimiter(clock), admission: createAdmissionController(clock, { maxPerDesk: 1, maxInFlight: 1 }) });
      const slow = gate();
      const inside = gate();
      const busy = withApiKey("read", async () => {
        inside.open();
        await slow.promise;
        return Response.json({ ok: true });
      });
      const control = withApiKey("trade", () => Response.json({ engaged: true }), { control: true });
      const headers = { Authorization: `Bearer ${a.key}` };
      const held = busy(new Request("http://x/v1/quotes", { headers }));
      await inside.promise;
      await expectRefusal(await busy(new Request("http://x/v1/quotes", { headers })), 503, "SERVICE_UNAVAILABLE");
      expect((await control(new Request("http://x/v1/kill_switch", { method: "POST", headers }))).status).toBe(200);
      // Roles still apply to control actions.
      const viewer = await issueApiKey(store, { deskId: desk.id, role: "viewer", sandbox: true, label: "v" });
      const refused = await control(new Request("http://x/v1/kill_switch", { method: "POST", headers: { Authorization: `Bearer ${viewer.key}` } }));
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
      slow.open();
      expect((await held).status).toBe(200);
    } finally {
      await dispose();
    }
  });
});
