import { describe, expect, it } from "vitest";
import { resolveRequestId } from "./request-id";

describe("resolveRequestId", () => {
  it("keeps an acceptable client id", () => {
    expect(resolveRequestId("abc-123:x.y")).toEqual({ id: "abc-123:x.y" });
    expect(resolveRequestId("x".repeat(128)).error).toBeUndefined();
  });

  it("generates a UUIDv4 when absent", () => {
    for (const h of [null, ""]) {
      const { id, error } = resolveRequestId(h);
      expect(error).toBeUndefined();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it("refuses oversize or unprintable ids but still gives one to answer with", () => {
    for (const h of ["x".repeat(129), "has space", "tab\tin", "é"]) {
      const { id, error } = resolveRequestId(h);
      expect(error?.code).toBe("BAD_REQUEST");
      expect(id).not.toBe(h);
    }
  });
});
