import { MarketStatusResponseSchema } from "@/lib/contracts/market-status";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { describeMarket } from "@/server/intelligence/describe-market";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", ({ core }) => respond(MarketStatusResponseSchema, describeMarket(core)));
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
