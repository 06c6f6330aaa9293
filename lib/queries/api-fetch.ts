/**
 * The dashboard's one way to call the API: same-origin fetch (the session cookie
 * authenticates), success bodies parsed through the endpoint's zod contract, and every
 * failure — error envelope, non-JSON body, contract mismatch, network — thrown as an
 * `ApiClientError` the UI can show (message + request id) and act on (status).
 */
import type { z } from "zod";
import { ErrorEnvelopeSchema, type ErrorCode, type ErrorDetail } from "@/lib/contracts/errors";

/** Envelope codes plus the two failures that never reach the server's error handling. */
export type ApiClientErrorCode = ErrorCode | "NETWORK_ERROR" | "BAD_RESPONSE";

export class ApiClientError extends Error {
  override readonly name = "ApiClientError";
  readonly code: ApiClientErrorCode;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly requestId: string | null;
  readonly details: ErrorDetail[];

  constructor(init: { code: ApiClientErrorCode; message: string; status: number; requestId?: string | null; details?: ErrorDetail[] }) {
    super(init.message);
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId ?? null;
    this.details = init.details ?? [];
  }
}

export function isApiClientError(error: unknown): error is ApiClientError {
  return error instanceof ApiClientError;
}

/** The session is missing or expired: the UI goes to /sign-in. */
export function isUnauthorized(error: unknown): boolean {
  return isApiClientError(error) && error.status === 401;
}

/** 4xx answers (and contract mismatches) do not change on retry; network and 5xx may. */
export function isRetryable(error: unknown): boolean {
  if (!isApiClientError(error)) return true;
  if (error.code === "BAD_RESPONSE") return false;
  return error.status === 0 || error.status >= 500;
}

export interface ApiFetchInit {
  method?: "GET" | "POST" | "DELETE";
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Non-2xx statuses whose body is still the endpoint's contract (GET /v1/health answers
   * 503 with its usual body when the store is down). An error envelope under such a
   * status is still thrown as an error.
   */
  acceptStatuses?: readonly number[];
}

/** Calls `path` and returns the body parsed by `schema`. */
export async function apiFetch<S extends z.ZodType>(path: string, schema: S, init: ApiFetchInit = {}): Promise<z.output<S>> {
  const response = await send(path, init);
  const requestId = response.headers.get("x-request-id");
  const body = await readJson(response, requestId);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    if (!response.ok) throw errorFromBody(response, body);
    throw new ApiClientError({
      code: "BAD_RESPONSE",
      message: `The ${path.split("?")[0]} response did not match its contract`,
      status: response.status,
      requestId,
      details: parsed.error.issues.slice(0, 10).map((i) => ({ field: i.path.join("."), message: i.message })),
    });
  }
  return parsed.data;
}

/** For endpoints that answer 204 No Content (or whose body the caller ignores). */
export async function apiFetchNoContent(path: string, init: ApiFetchInit = {}): Promise<void> {
  await send(path, init);
}

async function send(path: string, init: ApiFetchInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      cache: "no-store",
      headers: {
        Accept: "application/json",
        ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiClientError({
      code: "NETWORK_ERROR",
      message: "Could not reach the server. Check your connection and that the service is running.",
      status: 0,
    });
  }
  if (!response.ok && !init.acceptStatuses?.includes(response.status)) throw await errorFrom(response);
  return response;
}

async function readJson(response: Response, requestId: string | null): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiClientError({
      code: "BAD_RESPONSE",
      message: `Expected JSON from the server but got ${text.length === 0 ? "an empty body" : "something else"} (HTTP ${response.status})`,
      status: response.status,
      requestId,
    });
  }
}

async function errorFrom(response: Response): Promise<ApiClientError> {
  let body: unknown = undefined;
  try {
    body = JSON.parse(await response.text()) as unknown;
  } catch {
    // Not JSON (a proxy's error page, a crash): fall through to the generic message.
  }
  return errorFromBody(response, body);
}

function errorFromBody(response: Response, body: unknown): ApiClientError {
  const headerId = response.headers.get("x-request-id");
  const envelope = ErrorEnvelopeSchema.safeParse(body);
  if (envelope.success) {
    const { code, message, request_id, details } = envelope.data.error;
    return new ApiClientError({ code, message, status: response.status, requestId: request_id || headerId, details });
  }
  return new ApiClientError({
    code: fallbackCode(response.status),
    message: `The server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""} without an error envelope`,
    status: response.status,
    requestId: headerId,
  });
}

function fallbackCode(status: number): ApiClientErrorCode {
  switch (status) {
    case 400:
      return "BAD_REQUEST";
    case 401:
      return "UNAUTHORIZED";
    case 403:
      return "FORBIDDEN";
    case 404:
      return "NOT_FOUND";
    case 409:
      return "CONFLICT";
    case 422:
      return "VALIDATION_ERROR";
    case 429:
      return "RATE_LIMITED";
    case 503:
      return "SERVICE_UNAVAILABLE";
    default:
      return status >= 500 ? "INTERNAL_ERROR" : "BAD_RESPONSE";
  }
}
