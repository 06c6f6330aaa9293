import { getCore, type Core } from "@/server/core";
import { ApiError } from "./api-error";
import { errorResponse } from "./error-response";
import { resolveRequestId } from "./request-id";

export interface RequestContext {
  request: Request;
  requestId: string;
  core: Core;
  params: Record<string, string>;
}

type RouteContext = { params?: Promise<Record<string, string | string[]>> };

/**
 * The outermost layer of every /v1 handler: request id, the core, and the error envelope.
 * `withApiKey` adds authentication on top; only /v1/health and sign-in use this alone.
 */
export function withRequest(handler: (ctx: RequestContext) => Promise<Response> | Response) {
  return async (request: Request, routeContext?: RouteContext): Promise<Response> => {
    const { id, error } = resolveRequestId(request.headers.get("x-request-id"));
    let core: Core;
    try {
      core = await getCore();
    } catch (err) {
      console.error(`core unavailable for request ${id}`, err);
      return errorResponse(new ApiError("SERVICE_UNAVAILABLE", "Service is starting or its store is unreachable; retry shortly", [], { "Retry-After": "5" }), id, () => {});
    }
    const log = (msg: string, err: unknown) => core.log.error(msg, err);
    try {
      if (error) throw error;
      const params = await resolveParams(routeContext);
      const response = await handler({ request, requestId: id, core, params });
      response.headers.set("X-Request-Id", id);
      return response;
    } catch (err) {
      return errorResponse(err, id, log);
    }
  };
}

async function resolveParams(ctx?: RouteContext): Promise<Record<string, string>> {
  const raw = (await ctx?.params) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = Array.isArray(v) ? v.join("/") : v;
  return out;
}
