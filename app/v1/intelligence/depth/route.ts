import { DepthQuerySchema, DepthResponseSchema } from "@/lib/contracts/market";
import { parseQuery } from "@/server/http/parse-request";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { getDepth } from "@/server/intelligence/get-depth";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", async ({ request, core }) => {
  const query = parseQuery(request, DepthQuerySchema);
  return respond(DepthResponseSchema, await getDepth(core, query.symbol, query.bands));
});
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
