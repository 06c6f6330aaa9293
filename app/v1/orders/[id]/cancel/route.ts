import { rejectOtherMethods } from "@/server/http/reject-other-methods";

// Served by the front gate under `next start` (control-routes.ts); Next serves it elsewhere.
export { postCancelOrder as POST } from "@/server/http/control-routes";
export const dynamic = "force-dynamic";
export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(["POST"]);
