/**
 * Order events to and from their stored form: kind and time in their own columns, the
 * rest as JSON. bigints travel as decimal integer strings (JSON numbers would round them
 * above 2^53), and every stored payload is validated on the way back in, so a corrupt or
 * hand-edited row fails loudly instead of replaying into a wrong position.
 */
import { z } from "zod";
import { VenueIdSchema } from "@/lib/contracts/common";
import { ORDER_EVENT_KINDS, type OrderEvent, type OrderEventKind } from "./order-events";
import { ORDER_REJECT_REASONS, reasonOfFailureText } from "./order-reject-reasons";

export interface EncodedOrderEvent {
  kind: OrderEventKind;
  atMs: number;
  payloadJson: string;
}

const Int = z
  .string()
  .regex(/^-?\d+$/, "expected a decimal integer string")
  .transform((s) => BigInt(s));
const Reason = z.enum(ORDER_REJECT_REASONS);
const ByKey = z.string().nullable();
const Empty = z.strictObject({});

const PAYLOADS = {
  accepted: z.strictObject({ qtyE8: Int }),
  started: Empty,
  paused: z.strictObject({ byKeyId: ByKey }),
  resumed: z.strictObject({ byKeyId: ByKey }),
  child_sent: z.strictObject({
    childId: z.string(),
    venue: VenueIdSchema,
    qtyE8: Int,
    limitPriceE9: Int.nullable(),
    decisionId: z.string().nullable(),
    midE9: Int.nullable().optional(),
  }),
  child_acked: z.strictObject({ childId: z.string() }),
  child_rejected: z.strictObject({ childId: z.string(), reason: Reason }),
  fill: z.strictObject({
    fillId: z.string(),
    childId: z.string(),
    venue: VenueIdSchema,
    qtyE8: Int,
    priceE9: Int,
    feeE9: Int,
    liquidity: z.enum(["maker", "taker"]),
  }),
  child_cancelled: z.strictObject({ childId: z.string(), qtyE8: Int }),
  cancel_requested: z.strictObject({ byKeyId: ByKey }),
  completed: z.strictObject({ dustE8: Int.optional() }),
  cancelled: z.strictObject({ reason: Reason.nullable() }),
  rejected: z.strictObject({ reason: Reason }),
  // Logs written before failures carried a code have only the text: the code is read from it.
  failed: z
    .strictObject({ reason: Reason.optional(), error: z.string() })
    .transform(({ reason, error }) => ({ reason: reason ?? reasonOfFailureText(error), error })),
} satisfies Record<OrderEventKind, z.ZodType>;

// Compile-time check that each schema decodes exactly its event's payload.
type PayloadOf<K extends OrderEventKind> = Omit<Extract<OrderEvent, { kind: K }>, "kind" | "atMs">;
type SchemasMatch = { [K in OrderEventKind]: z.output<(typeof PAYLOADS)[K]> extends PayloadOf<K> ? (PayloadOf<K> extends z.output<(typeof PAYLOADS)[K]> ? true : false) : false };
type AllMatch = false extends SchemasMatch[OrderEventKind] ? false : true;
const schemasMatch: AllMatch = true;
void schemasMatch;

export class OrderEventDecodeError extends Error {
  override readonly name = "OrderEventDecodeError";
}

export function encodeOrderEvent(event: OrderEvent): EncodedOrderEvent {
  const { kind, atMs, ...payload } = event;
  const payloadJson = JSON.stringify(payload, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  return { kind, atMs, payloadJson };
}

export function decodeOrderEvent(encoded: { kind: string; atMs: number; payloadJson: string }): OrderEvent {
  const kind = encoded.kind as OrderEventKind;
  if (!ORDER_EVENT_KINDS.includes(kind)) throw new OrderEventDecodeError(`unknown order event kind "${encoded.kind}"`);
  let raw: unknown;
  try {
    raw = JSON.parse(encoded.payloadJson);
  } catch (error) {
    throw new OrderEventDecodeError(`${kind} payload is not JSON`, { cause: error });
  }
  const parsed = PAYLOADS[kind].safeParse(raw);
  if (!parsed.success) throw new OrderEventDecodeError(`${kind} payload is invalid: ${parsed.error.message}`, { cause: parsed.error });
  return { kind, atMs: encoded.atMs, ...parsed.data } as OrderEvent;
}
