import { SessionResponseSchema, SignInBodySchema } from "@/lib/contracts/session";
import { parseJsonBody } from "@/server/http/parse-request";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { withRequest } from "@/server/http/with-request";
import { describeSession, signIn, signOut } from "@/server/http/dashboard-session";

export const dynamic = "force-dynamic";

export const POST = withRequest(async ({ request, core }) => {
  const body = await parseJsonBody(request, SignInBodySchema);
  return signIn(core, request, body.key);
});
export const GET = withApiKey("read", ({ principal }) => respond(SessionResponseSchema, describeSession(principal)));
export const DELETE = withRequest(({ request, core }) => signOut(core, request));
export const { PUT, PATCH } = rejectOtherMethods(["GET", "POST", "DELETE"]);
