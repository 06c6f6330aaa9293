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

export interface WithRequestOptions {
  /**
   * false = never shed by the admission controller: /v1/health must answer truthfully
   * while the server refuses everything else (that is when it is most needed), and
   * /v1/openapi.json is a static document.
   */
  shed?: boolean;
}

/**
 * The outermost layer of every /v1 handler: request id, the core, admission (load
 * shedding, before any store lookup) and the error envelope. `withApiKey` adds
 * authentication on top; only /v1/health, the OpenAPI document and sign-in use this alone.
 */
export function withRequest(handler: (ctx: RequestContext) => Promise<Response> | Response, options: WithRequestOptions = {}) {
  const shed = options.shed ?? true;
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
    // Under `next start` the front gate has admitted (and counts) this request already.
    const admission = shed && !core.admission.fronted() ? core.admission.admit() : undefined;
    if (admission && !admission.ok) return errorResponse(admission.error, id, log);
    try {
      if (error) throw error;
      const params = await resolveParams(routeContext);
      const response = await handler({ request, requestId: id, core, params });
      response.headers.set("X-Request-Id", id);
      return response;
    } catch (err) {
      return errorResponse(err, id, log);
    } finally {
      admission?.release();
    }
  };
}

async function resolveParams(ctx?: RouteContext): Promise<Record<string, string>> {
  const raw = (await ctx?.params) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = Array.isArray(v) ? v.join("/") : v;
  return out;
}
