import { notFound } from "@/server/http/api-error";
import { withRequest } from "@/server/http/with-request";

export const dynamic = "force-dynamic";

/** Any /v1 path without a route: the envelope, not Next's HTML 404 page. */
const unknownRoute = withRequest(({ request }) => {
  throw notFound(`Route ${request.method} ${new URL(request.url).pathname}`);
});
export { unknownRoute as GET, unknownRoute as POST, unknownRoute as PUT, unknownRoute as PATCH, unknownRoute as DELETE };
