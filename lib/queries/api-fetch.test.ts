import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiClientError, apiFetch, apiFetchNoContent, isRetryable, isUnauthorized } from "./api-fetch";

const Thing = z.object({ n: z.number() });

function mockFetch(impl: (url: string, init?: RequestInit) => Promise<Response>) {
  const fn = vi.fn(impl);
  vi.stubGlobal("fetch", fn);
  return fn;
}

async function caught(p: Promise<unknown>): Promise<ApiClientError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiClientError) return e;
    throw e;
  }
  throw new Error("expected a rejection");
}

afterEach(() => vi.unstubAllGlobals());

describe("apiFetch", () => {
  it("parses a success body through the contract and sends JSON bodies", async () => {
    const fn = mockFetch(async () => Response.json({ n: 1, extra: true }));
    await expect(apiFetch("/v1/x", Thing, { method: "POST", body: { key: "k" } })).resolves.toEqual({ n: 1 });
    const init = fn.mock.calls[0]?.[1];
    expect(init?.method).toBe("POST");
    expect(init?.body).toBe('{"key":"k"}');
    expect(init?.credentials).toBe("same-origin");
  });

  it("throws the error envelope as a typed error", async () => {
    mockFetch(async () =>
      Response.json(
        { error: { code: "UNAUTHORIZED", message: "Unknown API key", request_id: "req-1", details: [] } },
        { status: 401, headers: { "x-request-id": "req-1" } },
      ),
    );
    const err = await caught(apiFetch("/v1/session", Thing));
    expect(err).toMatchObject({ code: "UNAUTHORIZED", message: "Unknown API key", status: 401, requestId: "req-1", details: [] });
    expect(isUnauthorized(err)).toBe(true);
    expect(isRetryable(err)).toBe(false);
  });

  it("keeps validation details", async () => {
    mockFetch(async () =>
      Response.json(
        { error: { code: "VALIDATION_ERROR", message: "Invalid body", request_id: "r", details: [{ field: "key", message: "paste an API key" }] } },
        { status: 422 },
      ),
    );
    const err = await caught(apiFetch("/v1/session", Thing));
    expect(err.details).toEqual([{ field: "key", message: "paste an API key" }]);
    expect(err.status).toBe(422);
  });

  it("handles non-JSON error pages with the header request id", async () => {
    mockFetch(async () => new Response("<html>Bad gateway</html>", { status: 502, headers: { "x-request-id": "hdr" } }));
    const err = await caught(apiFetch("/v1/quotes", Thing));
    expect(err).toMatchObject({ code: "INTERNAL_ERROR", status: 502, requestId: "hdr" });
    expect(isRetryable(err)).toBe(true);
  });

  it("reports a contract mismatch or a non-JSON success body as BAD_RESPONSE", async () => {
    mockFetch(async () => Response.json({ n: "one" }));
    const mismatch = await caught(apiFetch("/v1/x?y=1", Thing));
    expect(mismatch.code).toBe("BAD_RESPONSE");
    expect(mismatch.message).toContain("/v1/x response");
    expect(mismatch.details[0]?.field).toBe("n");
    expect(isRetryable(mismatch)).toBe(false);

    mockFetch(async () => new Response("ok", { status: 200 }));
    expect((await caught(apiFetch("/v1/x", Thing))).code).toBe("BAD_RESPONSE");
  });

  it("turns a network failure into NETWORK_ERROR with status 0", async () => {
    mockFetch(async () => {
      throw new TypeError("fetch failed");
    });
    const err = await caught(apiFetch("/v1/x", Thing));
    expect(err).toMatchObject({ code: "NETWORK_ERROR", status: 0, requestId: null });
    expect(isRetryable(err)).toBe(true);
  });

  it("accepts 204 for no-content calls", async () => {
    mockFetch(async () => new Response(null, { status: 204 }));
    await expect(apiFetchNoContent("/v1/session", { method: "DELETE" })).resolves.toBeUndefined();
  });

  it("parses an accepted non-2xx status through the contract, but still throws an envelope under it", async () => {
    mockFetch(async () => Response.json({ n: 3 }, { status: 503 }));
    await expect(apiFetch("/v1/health", Thing, { acceptStatuses: [503] })).resolves.toEqual({ n: 3 });
    expect((await caught(apiFetch("/v1/health", Thing))).code).toBe("SERVICE_UNAVAILABLE");

    mockFetch(async () =>
      Response.json({ error: { code: "SERVICE_UNAVAILABLE", message: "starting", request_id: "r9", details: [] } }, { status: 503 }),
    );
    const err = await caught(apiFetch("/v1/health", Thing, { acceptStatuses: [503] }));
    expect(err).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: "starting", status: 503, requestId: "r9" });
  });
});
