import type { ZodError } from "zod";
import type { ErrorEnvelope } from "@/lib/contracts/errors";
import { isStoreUnavailableError, type StoreUnavailableError } from "@/server/store/store-unavailable-error";
import { ApiError, isApiError } from "./api-error";

/** Turns anything thrown in a handler into the one error envelope; unknown errors leak nothing. */
export function errorResponse(err: unknown, requestId: string, log: (msg: string, err: unknown) => void): Response {
  const apiError = toApiError(err);
  if (apiError.code === "INTERNAL_ERROR") log(`request ${requestId} failed`, err);
  const body: ErrorEnvelope = {
    error: { code: apiError.code, message: apiError.message, request_id: requestId, details: apiError.details },
  };
  return Response.json(body, {
    status: apiError.status,
    headers: { "X-Request-Id": requestId, "Cache-Control": "no-store", ...apiError.headers },
  });
}

function toApiError(err: unknown): ApiError {
  if (isApiError(err)) return err;
  if (isZodError(err)) {
    const details = err.issues.map((issue) => ({
      field: issue.path.length ? issue.path.join(".") : "(body)",
      message: issue.message,
    }));
    return new ApiError("VALIDATION_ERROR", summarize(details), details);
  }
  const unavailable = findStoreUnavailable(err);
  if (unavailable) {
    return new ApiError("SERVICE_UNAVAILABLE", unavailable.publicMessage, [], { "Retry-After": String(unavailable.retryAfterS) });
  }
  return new ApiError("INTERNAL_ERROR", "Internal error; quote the request id when reporting it");
}

/**
 * The guarded store (server/store/guard-store.ts) has already turned driver errors into
 * StoreUnavailableError; a service that wrapped one keeps it in its cause chain. Raw
 * driver errors are not classified here: an ECONNREFUSED from a venue's API is not the
 * store's outage.
 */
function findStoreUnavailable(err: unknown): StoreUnavailableError | undefined {
  for (let e = err, depth = 0; typeof e === "object" && e !== null && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (isStoreUnavailableError(e)) return e;
  }
  return undefined;
}

// Structural, not instanceof: zod may be bundled into more than one server chunk.
function isZodError(err: unknown): err is ZodError {
  return err instanceof Error && err.name === "ZodError" && Array.isArray((err as ZodError).issues);
}

function summarize(details: { field: string; message: string }[]): string {
  const first = details[0];
  if (!first) return "Invalid request";
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : "";
  return `Invalid ${first.field}: ${first.message}${more}`;
}
