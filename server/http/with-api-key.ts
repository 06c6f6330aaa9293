import type { Permission } from "@/server/auth/roles";
import { can } from "@/server/auth/roles";
import type { Principal } from "@/server/auth/principal";
import { ApiError, forbidden } from "./api-error";
import { authenticateRequest } from "./authenticate-request";
import { withRequest, type RequestContext } from "./with-request";

export interface ApiContext extends RequestContext {
  principal: Principal;
}

/**
 * The wrapper every authenticated /v1 handler uses: key or dashboard session → principal,
 * per-desk token bucket, per-desk concurrency (admission), role check; then the handler.
 * Errors end in the envelope.
 */
export function withApiKey(permission: Permission, handler: (ctx: ApiContext) => Promise<Response> | Response, options: { control?: boolean } = {}) {
  const wrapped = async (ctx: RequestContext) => {
    const principal = await authenticateRequest(ctx.core, ctx.request);
    if (options.control) {
      // A control action (fast-routes.ts) is never refused for load or rate.
      if (!can(principal.role, permission)) throw forbidden(`A ${principal.role} key cannot ${describe(permission)}`);
      return handler({ ...ctx, principal });
    }
    const verdict = ctx.core.limiter.take(principal.deskId, principal.qps);
    if (!verdict.ok) {
      throw new ApiError("RATE_LIMITED", `Rate limit of ${principal.qps} requests/s for this desk exceeded`, [], {
        "Retry-After": String(verdict.retryAfterS),
      });
    }
    const slot = ctx.core.admission.admitDesk(principal.deskId);
    if (!slot.ok) throw slot.error;
    try {
      if (!can(principal.role, permission)) {
        throw forbidden(`A ${principal.role} key cannot ${describe(permission)}`);
      }
      return await handler({ ...ctx, principal });
    } finally {
      slot.release();
    }
  };
  return withRequest(wrapped, { shed: !options.control });
}

function describe(permission: Permission): string {
  switch (permission) {
    case "read":
      return "read";
    case "trade":
      return "trade";
    case "read_desk":
      return "read the whole desk's data";
    case "manage_keys":
      return "manage keys";
  }
}
