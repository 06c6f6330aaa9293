import { LiveResponseSchema } from "@/lib/contracts/live";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { getLive } from "@/server/intelligence/get-live";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", async ({ core, principal, params }) =>
  respond(LiveResponseSchema, await getLive(core, principal.deskId, params.id ?? "")),
);
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
