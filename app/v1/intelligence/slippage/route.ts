import { PretradeQuerySchema, SlippageResponseSchema } from "@/lib/contracts/pretrade";
import { parseQuery } from "@/server/http/parse-request";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { getSlippage } from "@/server/intelligence/get-slippage";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", async ({ request, core }) => {
  const query = parseQuery(request, PretradeQuerySchema);
  return respond(SlippageResponseSchema, await getSlippage(core, query));
});
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
