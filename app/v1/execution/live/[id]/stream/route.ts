import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { withApiKey } from "@/server/http/with-api-key";
import { streamLive } from "@/server/intelligence/stream-live";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", ({ request, core, principal, params }) => streamLive(core, principal.deskId, params.id ?? "", request.signal));
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
