import { expect, test } from "@playwright/test";
import { HealthResponseSchema } from "@/lib/contracts/health";
import { bearer, demoKey, expectEnvelope } from "../support/demo";

test.describe("health and HTTP spine", () => {
  test("health answers without auth, with version, uptime, source, store and its health", async ({ request }) => {
    const res = await request.get("/v1/health");
    expect(res.status()).toBe(200);
    const body = HealthResponseSchema.parse(await res.json());
    expect(body.status).toBe("ok");
    expect(body.market_source).toBe("simulated");
    expect(body.store).toBe("sqlite");
    expect(body.store_health).toMatchObject({ state: "ok", reason: null, message: null });
    expect(BigInt(body.store_health.last_write_ok_at_ns ?? "0")).toBeGreaterThan(0n);
    expect(body.symbols).toEqual(expect.arrayContaining(["BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "DOGE-USD"]));
    expect(body.uptime_s).toBeGreaterThanOrEqual(0);
    expect(BigInt(body.started_at_ns)).toBeGreaterThan(0n);
  });

  test("security headers on API responses and pages", async ({ request }) => {
    for (const path of ["/v1/health", "/sign-in"]) {
      const res = await request.get(path);
      const h = res.headers();
      expect(h["x-content-type-options"], path).toBe("nosniff");
      expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(h["referrer-policy"], path).toBe("no-referrer");
      expect(h["x-powered-by"], path).toBeUndefined();
    }
  });

  test("echoes a client X-Request-Id and generates a UUIDv4 otherwise", async ({ request }) => {
    const own = await request.get("/v1/health", { headers: { "X-Request-Id": "desk-42.trace:abc" } });
    expect(own.headers()["x-request-id"]).toBe("desk-42.trace:abc");
    const gen = await request.get("/v1/health");
    expect(gen.headers()["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test("an oversize request id is refused with the envelope and a generated id", async ({ request }) => {
    const res = await request.get("/v1/quotes?symbols=BTC-USD", {
      headers: { ...bearer(demoKey()), "X-Request-Id": "x".repeat(129) },
    });
    const err = await expectEnvelope(res, "BAD_REQUEST", 400);
    expect(err.details[0]?.field).toBe("X-Request-Id");
    expect(err.request_id).not.toContain("xxx");
  });

  test("wrong method gets 405 in the envelope with Allow", async ({ request }) => {
    const res = await request.post("/v1/quotes?symbols=BTC-USD", { headers: bearer(demoKey()) });
    await expectEnvelope(res, "BAD_REQUEST", 405);
    expect(res.headers()["allow"]).toBe("GET");
    const del = await request.delete("/v1/health");
    await expectEnvelope(del, "BAD_REQUEST", 405);
  });

  test("unknown /v1 routes are NOT_FOUND in the envelope", async ({ request }) => {
    const res = await request.get("/v1/no-such-thing", { headers: bearer(demoKey()) });
    await expectEnvelope(res, "NOT_FOUND", 404);
  });

  test("OpenAPI document is generated from the contracts and lists every route", async ({ request }) => {
    const res = await request.get("/v1/openapi.json");
    expect(res.status()).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(doc.openapi).toBe("3.1.0");
    for (const path of ["/v1/health", "/v1/quotes", "/v1/intelligence/depth", "/v1/session"]) expect(Object.keys(doc.paths)).toContain(path);
    const quotes = doc.paths["/v1/quotes"]?.get;
    expect(quotes?.responses["200"]).toBeTruthy();
    expect(quotes?.responses["401"]).toBeTruthy();
    expect(JSON.stringify(quotes)).toContain("spread_bps");
  });
});
