import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { RouteHandler } from "./fast-routes";
import { serveOutsideNext } from "./serve-outside-next";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

async function serve(handler: RouteHandler, params: Record<string, string>) {
  const srv = createServer((req, res) => serveOutsideNext(req, res, handler, params));
  server = srv;
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

describe("serveOutsideNext", () => {
  it("gives the handler the request (url, method, headers, body, params) and writes its response with the API's headers", async () => {
    const seen: { url?: string; method?: string; auth?: string | null; body?: string; params?: Record<string, string> } = {};
    const base = await serve(async (request, ctx) => {
      seen.url = request.url;
      seen.method = request.method;
      seen.auth = request.headers.get("authorization");
      seen.body = await request.text();
      seen.params = await ctx.params;
      const res = Response.json({ ok: true }, { status: 201, headers: { "X-Request-Id": "r-1" } });
      res.headers.append("Set-Cookie", "a=1; HttpOnly");
      res.headers.append("Set-Cookie", "b=2");
      return res;
    }, { id: "ord 1" });
    const res = await fetch(`${base}/v1/orders/ord%201/cancel?x=1`, { method: "POST", headers: { Authorization: "Bearer k", "Content-Type": "application/json" }, body: '{"a":1}' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get("x-request-id")).toBe("r-1");
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.getSetCookie()).toEqual(["a=1; HttpOnly", "b=2"]);
    expect(seen).toEqual({ url: expect.stringMatching(/\/v1\/orders\/ord%201\/cancel\?x=1$/), method: "POST", auth: "Bearer k", body: '{"a":1}', params: { id: "ord 1" } });
  });

  it("passes no body when none was sent, and at most one byte past the API's limit of a large one", async () => {
    const sizes: number[] = [];
    const base = await serve(async (request) => {
      sizes.push((await request.arrayBuffer()).byteLength);
      return new Response(null, { status: 204 });
    }, {});
    expect((await fetch(`${base}/v1/kill_switch`, { method: "POST" })).status).toBe(204);
    expect((await fetch(`${base}/v1/kill_switch`, { method: "POST", body: "x".repeat(2 * 1024 * 1024) })).status).toBe(204);
    expect(sizes[0]).toBe(0);
    expect(sizes[1]).toBeGreaterThan(256 * 1024);
    expect(sizes[1]).toBeLessThan(256 * 1024 + 128 * 1024); // whole chunks, stopped soon after the limit
  });
});

describe("serveOutsideNext on malformed input", () => {
  it("ignores a GET's body, and answers a Host that is no host with the 400 envelope instead of throwing", async () => {
    const { request: rawRequest } = await import("node:http");
    const methods: string[] = [];
    const base = await serve(async (request) => {
      methods.push(request.method);
      return Response.json({ ok: true });
    }, {});
    const port = Number(new URL(base).port);
    const send = (headers: Record<string, string>, method: string, body?: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const r = rawRequest({ host: "127.0.0.1", port, path: "/v1/health", method, headers }, (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        r.on("error", reject);
        r.end(body);
      });
    const withBody = await send({ "Content-Type": "application/json", "Content-Length": "7" }, "GET", JSON.stringify({ x: 1 }));
    expect(withBody.status, withBody.body).toBe(200);
    const bad = await send({ Host: "a b", "X-Request-Id": "req-9" }, "GET");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ error: { code: "BAD_REQUEST", message: expect.stringMatching(/Host/), request_id: "req-9", details: [] } });
    expect(methods).toEqual(["GET"]);
  });
});
