import { PreviewResponseSchema, SimpleOrderBodySchema } from "@/lib/contracts/orders";
import { parseJsonBody } from "@/server/http/parse-request";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { previewOrder } from "@/server/intelligence/preview-order";

export const dynamic = "force-dynamic";

/** Read permission: a preview places nothing, so a viewer may ask what an order would cost. */
export const POST = withApiKey("read", async ({ request, core, principal }) => {
  const body = await parseJsonBody(request, SimpleOrderBodySchema);
  return respond(PreviewResponseSchema, await previewOrder(core, principal, body));
});
export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(["POST"]);
