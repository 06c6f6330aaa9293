import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ErrorEnvelopeSchema } from "@/lib/contracts/errors";
import { storeFileLost, StoreUnavailableError } from "@/server/store/store-unavailable-error";
import { ApiError } from "./api-error";
import { errorResponse } from "./error-response";

async function envelope(res: Response) {
  return ErrorEnvelopeSchema.parse(await res.json()).error;
}

describe("errorResponse", () => {
  it("passes an ApiError through with its status, details and headers", async () => {
    const res = errorResponse(new ApiError("RATE_LIMITED", "slow down", [], { "Retry-After": "3" }), "rid-1", () => {});
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(res.headers.get("x-request-id")).toBe("rid-1");
    expect(await envelope(res)).toEqual({ code: "RATE_LIMITED", message: "slow down", request_id: "rid-1", details: [] });
  });

  it("maps zod failures to 422 with one detail per field path", async () => {
    const schema = z.object({ qty: z.number().positive(), legs: z.array(z.object({ venue: z.string() })) });
    const parsed = schema.safeParse({ qty: -1, legs: [{ venue: 3 }] });
    const res = errorResponse(parsed.error, "rid-2", () => {});
    expect(res.status).toBe(422);
    const err = await envelope(res);
    expect(err.code).toBe("VALIDATION_ERROR");
    expect(err.details.map((d) => d.field).sort()).toEqual(["legs.0.venue", "qty"]);
    expect(err.message).toMatch(/and 1 more/);
  });

  it("hides unknown errors behind INTERNAL_ERROR and logs them", async () => {
    const log = vi.fn();
    const res = errorResponse(new Error("SQLITE_CORRUPT at /secret/path"), "rid-3", log);
    expect(res.status).toBe(500);
    const err = await envelope(res);
    expect(err.code).toBe("INTERNAL_ERROR");
    expect(JSON.stringify(err)).not.toContain("secret");
    expect(log).toHaveBeenCalledOnce();
  });

  it("answers a store outage 503 SERVICE_UNAVAILABLE with Retry-After and the reason, never the driver's text", async () => {
    const log = vi.fn();
    const driver = Object.assign(new Error("database or disk is full at /srv/secret/execution.sqlite"), { code: "SQLITE_FULL" });
    const res = errorResponse(new StoreUnavailableError("disk_full", "SQLITE_FULL database or disk is full", { cause: driver }), "rid-4", log);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("10");
    const err = await envelope(res);
    expect(err).toEqual({ code: "SERVICE_UNAVAILABLE", message: "The order store is unavailable (disk full); retry shortly", request_id: "rid-4", details: [] });
    expect(JSON.stringify(err)).not.toMatch(/SQLITE|secret/);
    expect(log).not.toHaveBeenCalled();
  });

  it("finds a store outage wrapped by a service, and names the lost file with what to do", async () => {
    const lost = storeFileLost("/data/execution.sqlite", "deleted");
    const res = errorResponse(new Error("could not place the order", { cause: lost }), "rid-5", () => {});
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await envelope(res)).message).toBe("The SQLite store /data/execution.sqlite was deleted while running; restart the service");
  });
});
