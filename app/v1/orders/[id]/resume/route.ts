import { rejectOtherMethods } from "@/server/http/reject-other-methods";

// Served by the front gate under `next start` (fast-routes.ts); Next serves it elsewhere.
export { postResumeOrder as POST } from "@/server/http/fast-routes";
export const dynamic = "force-dynamic";
export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(["POST"]);
