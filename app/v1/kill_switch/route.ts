import { KillSwitchStateSchema } from "@/lib/contracts/orders";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { getKillSwitchState } from "@/server/intelligence/cancel-order";

// POST is served by the front gate under `next start` (fast-routes.ts); Next serves it elsewhere.
export { postKillSwitch as POST } from "@/server/http/fast-routes";
export const dynamic = "force-dynamic";
export const GET = withApiKey("read", async ({ core, principal }) => respond(KillSwitchStateSchema, await getKillSwitchState(core, principal)));
export const { PUT, PATCH, DELETE } = rejectOtherMethods(["GET", "POST"]);
