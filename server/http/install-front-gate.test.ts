import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createManualClock } from "@/server/shared/clock";
import { createAdmissionController } from "./create-admission-controller";
import type { FastRoute } from "./fast-routes";
import { installFrontGate } from "./install-front-gate";

/** Fast routes with stand-in handlers: health and one control action. */
function fastRoutes() {
  return (method: string | undefined, path: string): FastRoute | undefined => {
    if (method === "GET" && path === "/v1/health") return { handler: async () => new Response("health"), params: {} };
    if (method === "POST" && path === "/v1/kill_switch") {
      return { handler: async (req) => Response.json({ body: await req.text() }), params: {} };
    }
    return undefined;
  };
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

/** A real http server standing in for Next: /v1/slow answers when `release()` is called. */
async function startServer() {
  const waiting: (() => void)[] = [];
  let entered: () => void = () => {};
  const srv = createServer((req, res) => {
    if (req.url?.startsWith("/v1/slow")) {
      waiting.push(() => res.end("slow done"));
      entered();
      return;
    }
    res.end("next");
  });
  server = srv;
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return {
    srv,
    base,
    releaseAll: () => waiting.splice(0).forEach((f) => f()),
    nextEntry: () => new Promise<void>((r) => (entered = r)),
  };
}

describe("installFrontGate", () => {
  it("answers /v1 requests past the in-flight cap with the 503 envelope before the server's handler, never /v1/health or pages", async () => {
    const { srv, base, releaseAll, nextEntry } = await startServer();
    const admission = createAdmissionController(createManualClock(), { maxInFlight: 1 });
    const undo = installFrontGate(srv, admission, fastRoutes());
    expect(admission.fronted()).toBe(true);

    const inside = nextEntry();
    const slow = fetch(`${base}/v1/slow`);
    await inside;
    const refused = await fetch(`${base}/v1/orders`, { method: "POST", body: "{}", headers: { "X-Request-Id": "req-1" } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.headers.get("x-request-id")).toBe("req-1");
    expect(refused.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(await refused.json()).toEqual({
      error: { code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/capacity/), request_id: "req-1", details: [] },
    });
    expect(await (await fetch(`${base}/v1/health`)).text()).toBe("health"); // served by the gate itself
    const control = await fetch(`${base}/v1/kill_switch`, { method: "POST", body: '{"action":"engage"}' });
    expect(control.status).toBe(200); // a control action at capacity: never shed
    expect(await control.json()).toEqual({ body: '{"action":"engage"}' });
    expect(control.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(await (await fetch(`${base}/orders`)).text()).toBe("next");
    expect(admission.stats().inFlight).toBe(1);

    releaseAll();
    expect(await (await slow).text()).toBe("slow done");
    // The slot is freed when the response closes.
    await expect.poll(() => admission.stats().inFlight).toBe(0);
    expect(await (await fetch(`${base}/v1/quotes`)).text()).toBe("next");

    undo();
    expect(admission.fronted()).toBe(false);
  });

  it("frees the slot of a client that disconnects before the answer", async () => {
    const { srv, base, nextEntry } = await startServer();
    const admission = createAdmissionController(createManualClock(), { maxInFlight: 1 });
    installFrontGate(srv, admission, fastRoutes());
    const controller = new AbortController();
    const inside = nextEntry();
    const slow = fetch(`${base}/v1/slow`, { signal: controller.signal }).catch(() => "aborted");
    await inside;
    controller.abort();
    expect(await slow).toBe("aborted");
    await expect.poll(() => admission.stats().inFlight).toBe(0);
  });
});
