import { KillSwitchBodySchema, KillSwitchResponseSchema, KillSwitchStateSchema } from "@/lib/contracts/orders";
import { parseJsonBody } from "@/server/http/parse-request";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { getKillSwitchState, setKillSwitch } from "@/server/intelligence/cancel-order";

export const dynamic = "force-dynamic";

export const POST = withApiKey(
  "trade",
  async ({ request, core, principal }) => {
    const body = await parseJsonBody(request, KillSwitchBodySchema);
    return respond(KillSwitchResponseSchema, await setKillSwitch(core, principal, body.action));
  },
  { control: true },
);
export const GET = withApiKey("read", async ({ core, principal }) => respond(KillSwitchStateSchema, await getKillSwitchState(core, principal)));
export const { PUT, PATCH, DELETE } = rejectOtherMethods(["GET", "POST"]);
