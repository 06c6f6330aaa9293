/**
 * HTTP as an outside client sees it: a status (0 when no answer came: refused, reset,
 * timed out) and the JSON body, with client-side send and answer times so the audit can
 * order what the client knew against what the server wrote.
 */
export interface ApiAnswer {
  status: number;
  body: unknown;
  sentAtMs: number;
  answeredAtMs: number;
}

export interface ApiClient {
  readonly base: string;
  call(method: "GET" | "POST", path: string, key: string | undefined, body?: unknown, timeoutMs?: number): Promise<ApiAnswer>;
}

export function createApiClient(base: string): ApiClient {
  return {
    base,
    async call(method, path, key, body, timeoutMs = 10_000) {
      const sentAtMs = Date.now();
      const headers: Record<string, string> = {};
      if (key) headers.Authorization = `Bearer ${key}`;
      if (body !== undefined) headers["Content-Type"] = "application/json";
      try {
        const res = await fetch(`${base}${path}`, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await res.text();
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: kept as text for the report
        }
        return { status: res.status, body: parsed, sentAtMs, answeredAtMs: Date.now() };
      } catch {
        return { status: 0, body: null, sentAtMs, answeredAtMs: Date.now() };
      }
    },
  };
}

/** `order.order_id` (and the graph's node ids) from an order answer, if it is one. */
export function orderIdsOf(body: unknown): { orderId: string; nodeIds: string[] } | undefined {
  if (!body || typeof body !== "object" || !("order" in body)) return undefined;
  const b = body as { order?: { order_id?: unknown }; nodes?: { order_id?: unknown }[] };
  if (typeof b.order?.order_id !== "string") return undefined;
  const nodeIds = (b.nodes ?? []).map((n) => n.order_id).filter((id): id is string => typeof id === "string");
  return { orderId: b.order.order_id, nodeIds };
}
