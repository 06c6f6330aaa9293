import { ERROR_STATUS, type ErrorCode, type ErrorDetail } from "@/lib/contracts/errors";

/** An error meant for the client: its code, message and details go out in the envelope. */
export class ApiError extends Error {
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

export const notFound = (what: string) => new ApiError("NOT_FOUND", `${what} not found`);
export const unauthorized = (message: string) => new ApiError("UNAUTHORIZED", message, [], { "WWW-Authenticate": 'Bearer realm="v1"' });
export const forbidden = (message: string) => new ApiError("FORBIDDEN", message);
export const validationError = (field: string, message: string) =>
  new ApiError("VALIDATION_ERROR", message, [{ field, message }]);
