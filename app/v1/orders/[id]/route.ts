import { OrderResponseSchema } from "@/lib/contracts/orders";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { getOrder } from "@/server/intelligence/read-orders";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", async ({ core, principal, params }) =>
  respond(OrderResponseSchema, await getOrder(core, principal.deskId, params.id ?? "")),
);
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
