import { HealthResponseSchema } from "@/lib/contracts/health";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withRequest } from "@/server/http/with-request";
import { describeHealth, healthStatusCode } from "@/server/intelligence/describe-health";

export const dynamic = "force-dynamic";

export const GET = withRequest(
  ({ core }) => {
    const health = describeHealth(core);
    return respond(HealthResponseSchema, health, { status: healthStatusCode(health) });
  },
  { shed: false },
);
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
