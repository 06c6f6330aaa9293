import { CalibrationQuerySchema, CalibrationResponseSchema } from "@/lib/contracts/calibration";
import { parseQuery } from "@/server/http/parse-request";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { getCalibration } from "@/server/intelligence/get-calibration";

export const dynamic = "force-dynamic";

export const GET = withApiKey("read", async ({ request, core, principal }) => {
  const query = parseQuery(request, CalibrationQuerySchema);
  return respond(CalibrationResponseSchema, await getCalibration(core, principal, query));
});
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
