import { OrderResponseSchema } from "@/lib/contracts/orders";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { cancelOrder } from "@/server/intelligence/cancel-order";

export const dynamic = "force-dynamic";

export const POST = withApiKey("trade", async ({ core, principal, params }) =>
  respond(OrderResponseSchema, await cancelOrder(core, principal, params.id ?? "")),
  { control: true },
);
export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(["POST"]);
