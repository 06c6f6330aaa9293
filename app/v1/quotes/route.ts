import { QuotesQuerySchema, QuotesResponseSchema } from "@/lib/contracts/market";
import { parseQuery } from "@/server/http/parse-request";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { getQuotes } from "@/server/intelligence/get-quotes";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", async ({ request, core }) => {
  const query = parseQuery(request, QuotesQuerySchema);
  return respond(QuotesResponseSchema, await getQuotes(core, query.symbols));
});
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
