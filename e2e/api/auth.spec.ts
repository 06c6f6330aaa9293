import { expect, test } from "@playwright/test";
import { bearer, createKey, demoKey, expectEnvelope, keysCli } from "../support/demo";

const QUOTES = "/v1/quotes?symbols=BTC-USD";

test.describe("authentication and roles", () => {
  test("missing Authorization is 401 with WWW-Authenticate", async ({ request }) => {
    const res = await request.get(QUOTES);
    const err = await expectEnvelope(res, "UNAUTHORIZED", 401);
    expect(err.message).toMatch(/Authorization/);
    expect(res.headers()["www-authenticate"]).toContain("Bearer");
  });

  for (const [name, header] of [
    ["garbled key", "Bearer not-a-key"],
    ["wrong scheme", `Basic ${"a".repeat(20)}`],
    ["empty bearer", "Bearer "],
    ["short hex", `Bearer seq_test_${"a".repeat(63)}`],
    ["uppercase hex", `Bearer seq_test_${"A".repeat(64)}`],
    ["two tokens", `Bearer seq_test_${"a".repeat(64)} extra`],
  ] as const) {
    test(`malformed header (${name}) is 401`, async ({ request }) => {
      await expectEnvelope(await request.get(QUOTES, { headers: { Authorization: header } }), "UNAUTHORIZED", 401);
    });
  }

  test("a well-formed but unknown key is 401", async ({ request }) => {
    const res = await request.get(QUOTES, { headers: bearer(`seq_live_${"0".repeat(64)}`) });
    const err = await expectEnvelope(res, "UNAUTHORIZED", 401);
    expect(err.message).toMatch(/Unknown/);
  });

  test("every demo role can read", async ({ request }) => {
    for (const role of ["viewer", "trader", "lead"] as const) {
      const res = await request.get(QUOTES, { headers: bearer(demoKey(role)) });
      expect(res.status(), role).toBe(200);
    }
  });

  test("a key created or revoked with the CLI takes effect at once", async ({ request }) => {
    const key = createKey(["--desk", "e2e-ops", "--role", "viewer", "--sandbox", "--label", "revocation test"]);
    expect((await request.get(QUOTES, { headers: bearer(key) })).status()).toBe(200);
    keysCli(["revoke", key]);
    const err = await expectEnvelope(await request.get(QUOTES, { headers: bearer(key) }), "UNAUTHORIZED", 401);
    expect(err.message).toMatch(/revoked/);
  });

  test("the per-desk token bucket returns 429 with Retry-After past the burst", async ({ request }) => {
    const key = createKey(["--desk", "e2e-slow", "--qps", "2", "--role", "viewer", "--sandbox"]);
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof request.get>> | undefined;
    for (let i = 0; i < 8; i++) {
      const res = await request.get("/v1/session", { headers: bearer(key) });
      statuses.push(res.status());
      if (res.status() === 429) limited ??= res;
    }
    // Burst is 2 × qps = 4; eight back-to-back calls cannot all fit.
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(limited).toBeDefined();
    await expectEnvelope(limited!, "RATE_LIMITED", 429);
    expect(Number(limited!.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    // Another desk is unaffected.
    expect((await request.get("/v1/session", { headers: bearer(demoKey()) })).status()).toBe(200);
  });
});

test.describe("dashboard session", () => {
  test("sign-in sets an httpOnly SameSite cookie that authenticates, sign-out ends it", async ({ playwright, baseURL }) => {
    const ctx = await playwright.request.newContext({ baseURL });
    const res = await ctx.post("/v1/session", { data: { key: demoKey("lead") } });
    expect(res.status()).toBe(200);
    const cookie = res.headers()["set-cookie"] ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toContain(demoKey("lead"));
    const me = await ctx.get("/v1/session");
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ role: "lead", sandbox: true, desk: { name: "demo" } });
    expect((await ctx.get(QUOTES)).status()).toBe(200);
    expect((await ctx.delete("/v1/session")).status()).toBe(204);
    await expectEnvelope(await ctx.get("/v1/session"), "UNAUTHORIZED", 401);
    await ctx.dispose();
  });

  test("sign-in refuses bad input with the envelope", async ({ request }) => {
    await expectEnvelope(await request.post("/v1/session", { data: { key: `seq_test_${"1".repeat(64)}` } }), "UNAUTHORIZED", 401);
    await expectEnvelope(await request.post("/v1/session", { data: { key: "" } }), "VALIDATION_ERROR", 422);
    await expectEnvelope(await request.post("/v1/session", { data: { key: "nope" } }), "VALIDATION_ERROR", 422);
    await expectEnvelope(await request.post("/v1/session", { data: { key: demoKey(), extra: 1 } }), "VALIDATION_ERROR", 422);
    await expectEnvelope(await request.post("/v1/session", { data: [1, 2] }), "VALIDATION_ERROR", 422);
    await expectEnvelope(
      await request.post("/v1/session", { headers: { "Content-Type": "application/json" }, data: Buffer.from("{not json") }),
      "BAD_REQUEST",
      400,
    );
    await expectEnvelope(
      await request.post("/v1/session", { headers: { "Content-Type": "text/plain" }, data: "hello" }),
      "BAD_REQUEST",
      400,
    );
  });
});
