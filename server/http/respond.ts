import type { z } from "zod";

/**
 * Every success body goes through its contract: what leaves the server is exactly what
 * the OpenAPI document says, and a drift shows up as an error in tests, not in clients.
 */
export function respond<T extends z.ZodType>(schema: T, data: z.input<T>, init: ResponseInit = {}): Response {
  const body = schema.parse(data);
  const headers = new Headers(init.headers);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  return Response.json(body, { ...init, headers });
}
