import { ApiError } from "./api-error";
import { errorResponse } from "./error-response";
import { resolveRequestId } from "./request-id";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const ALL: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * Handlers for the methods a route does not serve, so a wrong method gets the envelope
 * (405 with Allow) instead of Next's empty 405:
 *   export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
 */
export function rejectOtherMethods(allowed: Method[]) {
  const handler = (request: Request) => {
    const { id } = resolveRequestId(request.headers.get("x-request-id"));
    const err = new ApiError(
      "BAD_REQUEST",
      `Method ${request.method} not allowed; use ${allowed.join(" or ")}`,
      [{ field: "method", message: `allowed: ${allowed.join(", ")}` }],
      { Allow: allowed.join(", ") },
      405,
    );
    return errorResponse(err, id, () => {});
  };
  // Every method gets the handler; the route destructures only the ones it does not serve.
  return Object.fromEntries(ALL.map((m) => [m, handler])) as Record<Method, typeof handler>;
}
