/**
 * Opaque listOrders cursor: the (created_at_ms, id) of the last row of a page. Both keys
 * are needed because many orders share a millisecond; id breaks the tie, so paging is
 * stable and never skips or repeats a row, even while new orders arrive.
 */
import { InvalidCursorError } from "./order-port";

export interface OrderCursor {
  createdAtMs: number;
  id: string;
}

const CURSOR = /^(\d{1,16}):(.{1,200})$/s;

export function encodeOrderCursor(cursor: OrderCursor): string {
  return Buffer.from(`${cursor.createdAtMs}:${cursor.id}`, "utf8").toString("base64url");
}

export function decodeOrderCursor(text: string): OrderCursor {
  const match = CURSOR.exec(Buffer.from(text, "base64url").toString("utf8"));
  const [, ms, id] = match ?? [];
  if (ms === undefined || id === undefined || encodeOrderCursor({ createdAtMs: Number(ms), id }) !== text) {
    throw new InvalidCursorError("invalid cursor");
  }
  return { createdAtMs: Number(ms), id };
}
