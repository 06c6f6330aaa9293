import { ReviewResponseSchema } from "@/lib/contracts/review";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { getReview } from "@/server/intelligence/get-review";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", async ({ core, principal, params }) =>
  respond(ReviewResponseSchema, await getReview(core, principal.deskId, params.id ?? "")),
);
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
