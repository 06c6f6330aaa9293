import { DecisionsQuerySchema, DecisionsResponseSchema } from "@/lib/contracts/live";
import { parseQuery } from "@/server/http/parse-request";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { listDecisions } from "@/server/intelligence/list-decisions";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", async ({ request, core, principal }) => {
  const query = parseQuery(request, DecisionsQuerySchema);
  return respond(DecisionsResponseSchema, await listDecisions(core, principal.deskId, query));
});
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
