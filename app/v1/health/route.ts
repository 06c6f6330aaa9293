import { rejectOtherMethods } from "@/server/http/reject-other-methods";

// Served by the front gate under `next start` (fast-routes.ts); Next serves it elsewhere.
export { getHealth as GET } from "@/server/http/fast-routes";
export const dynamic = "force-dynamic";
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
