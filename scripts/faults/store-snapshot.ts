/**
 * The store as plain rows, read with plain SQL (no app code): the audit's independent
 * view of what was written. Quantities become 1e8 fixed-point bigints with a parser of
 * our own, so the audit shares no arithmetic with the service it checks.
 */
export interface DbOrder {
  id: string;
  deskId: string;
  parentId: string | null;
  graphId: string | null;
  clientRequestId: string | null;
  /** The client's request as stored (`body_json.request`), parsed. */
  request: unknown;
  qtyE8: bigint;
  limitPrice: string | null;
  policy: string;
  status: string;
  createdAtMs: number;
}

export interface DbEvent {
  seq: number;
  kind: string;
  payload: Record<string, unknown>;
  atMs: number;
}

export interface DbFill {
  fillId: string;
  orderId: string;
  childId: string;
  qtyE8: bigint;
  atMs: number;
}

export interface StoreSnapshot {
  orders: Map<string, DbOrder>;
  /** Per order, in seq order. */
  events: Map<string, DbEvent[]>;
  fills: DbFill[];
}

/** Raw rows as both drivers return them (BIGINT may come back as a string from pg). */
export interface RawRows {
  orders: Record<string, unknown>[];
  events: Record<string, unknown>[];
  fills: Record<string, unknown>[];
}

export const SNAPSHOT_SQL = {
  orders: "SELECT id, desk_id, parent_id, graph_id, client_request_id, body_json, qty, limit_price, policy, status, created_at_ms FROM orders",
  events: "SELECT order_id, seq, kind, payload_json, at_ms FROM order_events ORDER BY order_id, seq",
  fills: "SELECT fill_id, order_id, child_id, qty, at_ms FROM fills",
} as const;

export function snapshotFromRows(raw: RawRows): StoreSnapshot {
  const orders = new Map<string, DbOrder>();
  for (const r of raw.orders) {
    let request: unknown;
    try {
      request = (JSON.parse(String(r.body_json)) as { request?: unknown }).request ?? null;
    } catch {
      request = null;
    }
    orders.set(String(r.id), {
      id: String(r.id),
      deskId: String(r.desk_id),
      parentId: r.parent_id === null ? null : String(r.parent_id),
      graphId: r.graph_id === null ? null : String(r.graph_id),
      clientRequestId: r.client_request_id === null ? null : String(r.client_request_id),
      request,
      qtyE8: decimalToE8(String(r.qty)),
      limitPrice: r.limit_price === null ? null : String(r.limit_price),
      policy: String(r.policy),
      status: String(r.status),
      createdAtMs: Number(r.created_at_ms),
    });
  }
  const events = new Map<string, DbEvent[]>();
  for (const r of raw.events) {
    const id = String(r.order_id);
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(String(r.payload_json)) as Record<string, unknown>;
    } catch {
      payload = { unreadable: String(r.payload_json) };
    }
    const list = events.get(id) ?? [];
    list.push({ seq: Number(r.seq), kind: String(r.kind), payload, atMs: Number(r.at_ms) });
    events.set(id, list);
  }
  for (const list of events.values()) list.sort((a, b) => a.seq - b.seq);
  const fills = raw.fills.map((r) => ({
    fillId: String(r.fill_id),
    orderId: String(r.order_id),
    childId: String(r.child_id),
    qtyE8: decimalToE8(String(r.qty)),
    atMs: Number(r.at_ms),
  }));
  return { orders, events, fills };
}

/** "0.12345678" → 12345678n; an integer string in a payload ("12345678") is read by the caller with BigInt. */
export function decimalToE8(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`not a plain decimal: "${text}"`);
  const frac = (m[3] ?? "").padEnd(8, "0");
  if (frac.length > 8 && /[1-9]/.test(frac.slice(8))) throw new Error(`more than 8 decimals: "${text}"`);
  const v = BigInt(m[2] ?? "0") * 100_000_000n + BigInt(frac.slice(0, 8) || "0");
  return m[1] === "-" ? -v : v;
}

export function e8ToText(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const frac = (a % 100_000_000n).toString().padStart(8, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${a / 100_000_000n}${frac ? `.${frac}` : ""}`;
}
