import { randomUUID } from "node:crypto";
import { ApiError } from "./api-error";

const MAX_LENGTH = 128;
// Visible ASCII only: the id is echoed in a header and in logs.
const ALLOWED = /^[\x21-\x7e]+$/;

/** The client's X-Request-Id if acceptable, else a fresh UUIDv4; an unacceptable one is reported. */
export function resolveRequestId(header: string | null): { id: string; error?: ApiError } {
  if (header === null || header === "") return { id: randomUUID() };
  if (header.length > MAX_LENGTH) {
    return {
      id: randomUUID(),
      error: new ApiError("BAD_REQUEST", `X-Request-Id must be at most ${MAX_LENGTH} characters`, [
        { field: "X-Request-Id", message: `length ${header.length} exceeds ${MAX_LENGTH}` },
      ]),
    };
  }
  if (!ALLOWED.test(header)) {
    return {
      id: randomUUID(),
      error: new ApiError("BAD_REQUEST", "X-Request-Id must be printable ASCII without spaces", [
        { field: "X-Request-Id", message: "contains characters outside 0x21-0x7E" },
      ]),
    };
  }
  return { id: header };
}
