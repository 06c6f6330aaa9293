import { ERROR_STATUS, type ErrorCode, type ErrorDetail } from "@/lib/contracts/errors";

const BRAND = Symbol.for("execution-intelligence.ApiError");

/**
 * An error meant for the client: its code, message and details go out in the envelope.
 * Next.js may bundle this module into several chunks, so recognise it by a global brand
 * (`isApiError`), never by `instanceof`.
 */
export class ApiError extends Error {
  readonly [BRAND] = true;
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
    status?: number,
  ) {
    super(message);
    this.status = status ?? ERROR_STATUS[code];
  }
}

export function isApiError(err: unknown): err is ApiError {
  return typeof err === "object" && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
}

export const notFound = (what: string) => new ApiError("NOT_FOUND", `${what} not found`);
export const unauthorized = (message: string) => new ApiError("UNAUTHORIZED", message, [], { "WWW-Authenticate": 'Bearer realm="v1"' });
export const forbidden = (message: string) => new ApiError("FORBIDDEN", message);
export const validationError = (field: string, message: string) =>
  new ApiError("VALIDATION_ERROR", message, [{ field, message }]);

/**
 * 503 with Retry-After: the books hold no bid and ask to price against (a venue outage, a
 * cold start, or every quoting venue excluded). `when` qualifies it ("right now", "among
 * the allowed venues").
 */
export function noTwoSidedMarket(symbol: string | undefined, when = "right now"): ApiError {
  return new ApiError("SERVICE_UNAVAILABLE", `No two-sided market${symbol ? ` for ${symbol}` : ""} ${when}`, [], { "Retry-After": "1" });
}
