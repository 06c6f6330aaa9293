import { SummaryQuerySchema, SummaryResponseSchema } from "@/lib/contracts/summary";
import { parseQuery } from "@/server/http/parse-request";
import { rejectOtherMethods } from "@/server/http/reject-other-methods";
import { respond } from "@/server/http/respond";
import { withApiKey } from "@/server/http/with-api-key";
import { getSummary } from "@/server/intelligence/get-summary";
import { summaryCsv } from "@/server/intelligence/summary-csv";

export const dynamic = "force-dynamic";

/** JSON by default; CSV with format=csv or Accept: text/csv. */
export const GET = withApiKey("read", async ({ request, core, principal }) => {
  const query = parseQuery(request, SummaryQuerySchema);
  const wantsCsv = query.format === "csv" || /\btext\/csv\b/.test(request.headers.get("accept") ?? "");
  return wantsCsv ? summaryCsv(core, principal, query) : respond(SummaryResponseSchema, await getSummary(core, principal, query));
});
export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(["GET"]);
