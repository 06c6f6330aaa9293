import { z } from "zod";
import { OrderListQuerySchema, OrderListResponseSchema, OrderResponseSchema, parseOrderBody } from "@/lib/contracts/orders";
import { parseJsonBody, parseQuery } from "@/server/http/parse-request";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { listOrders } from "@/server/intelligence/read-orders";
import { submitOrder } from "@/server/intelligence/submit-order";

export const dynamic = "force-dynamic";

/** 201 when created; 200 when an idempotency key replays the original. */
export const POST = withApiKey("trade", async ({ request, core, principal }) => {
  const body = parseOrderBody(await parseJsonBody(request, z.unknown()));
  const { created, response } = await submitOrder(core, principal, body);
  return respond(OrderResponseSchema, response, { status: created ? 201 : 200 });
});
export const GET = withApiKey("read", async ({ request, core, principal }) => {
  const query = parseQuery(request, OrderListQuerySchema);
  return respond(OrderListResponseSchema, await listOrders(core, principal.deskId, query));
});
export const { PUT, PATCH, DELETE } = rejectOtherMethods(["GET", "POST"]);
