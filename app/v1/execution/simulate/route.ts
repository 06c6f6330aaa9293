import { SimulateQuerySchema, SimulateResponseSchema } from "@/lib/contracts/pretrade";
import { parseQuery } from "@/server/http/parse-request";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { runSimulation } from "@/server/intelligence/run-simulation";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", async ({ request, core }) => {
  const query = parseQuery(request, SimulateQuerySchema);
  return respond(SimulateResponseSchema, await runSimulation(core, query));
});
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
