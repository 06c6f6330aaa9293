import { buildOpenApi } from "@/server/http/build-openapi";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { withRequest } from "@/server/http/with-request";

export const dynamic = "force-dynamic";

/** Public like /docs: the API's shape is not a secret, its data is. */
export const GET = withRequest(({ core }) => Response.json(buildOpenApi(core.version), { headers: { "Cache-Control": "public, max-age=60" } }), { shed: false });
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
