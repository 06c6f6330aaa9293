import { HealthResponseSchema } from "@/lib/contracts/health";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withRequest } from "@/server/http/with-request";
import { describeHealth } from "@/server/intelligence/describe-health";

export const dynamic = "force-dynamic";

export const GET = withRequest(({ core }) => respond(HealthResponseSchema, describeHealth(core)), { shed: false });
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
