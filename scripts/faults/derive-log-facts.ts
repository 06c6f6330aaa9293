/**
 * What one order's stored event log says, derived here from the raw rows with no app
 * code (the audit must not trust the reducer it is checking): the accepted quantity, its
 * children and fills, who paused or cancelled it, and how (if at all) it ended.
 */
import type { DbEvent } from "./store-snapshot";

export const TERMINAL_KINDS = ["completed", "cancelled", "rejected", "failed"] as const;

export interface LogFill {
  fillId: string;
  childId: string;
  venue: string;
  qtyE8: bigint;
  priceE9: bigint;
  atMs: number;
}

export interface LogFacts {
  acceptedQtyE8: bigint | undefined;
  startedAtMs: number | undefined;
  /**
   * The first terminal event; `terminalCount` > 1 is itself a defect. `dustE8`: what a
   * completed event says it left unfilled as dust (absent in older logs).
   */
  terminal: { kind: string; atMs: number; dustE8?: bigint } | undefined;
  terminalCount: number;
  cancelRequestedAtMs: number | undefined;
  /** The last pause/resume was a pause asked for by a client key. */
  clientPaused: boolean;
  /** Time spent paused before the last resume (any pause: the runner's clocks stand still for all). */
  pausedMs: number;
  /** An open pause's start. */
  pausedSinceMs: number | undefined;
  /** child id → times sent and size sent. */
  children: Map<string, { sentCount: number; sentE8: bigint }>;
  fills: LogFill[];
  /** Fill ids that appear more than once in this log. */
  repeatedFillIds: string[];
  unreadable: string[];
}

export function deriveLogFacts(events: readonly DbEvent[]): LogFacts {
  const facts: LogFacts = {
    acceptedQtyE8: undefined,
    startedAtMs: undefined,
    terminal: undefined,
    terminalCount: 0,
    cancelRequestedAtMs: undefined,
    clientPaused: false,
    pausedMs: 0,
    pausedSinceMs: undefined,
    children: new Map(),
    fills: [],
    repeatedFillIds: [],
    unreadable: [],
  };
  const seenFills = new Set<string>();
  for (const e of events) {
    const p = e.payload;
    switch (e.kind) {
      case "accepted":
        facts.acceptedQtyE8 = int(p.qtyE8, facts, e);
        break;
      case "started":
        facts.startedAtMs ??= e.atMs;
        break;
      case "paused":
        facts.clientPaused = typeof p.byKeyId === "string";
        facts.pausedSinceMs ??= e.atMs;
        break;
      case "resumed":
        facts.clientPaused = false;
        if (facts.pausedSinceMs !== undefined) facts.pausedMs += Math.max(0, e.atMs - facts.pausedSinceMs);
        facts.pausedSinceMs = undefined;
        break;
      case "cancel_requested":
        facts.cancelRequestedAtMs ??= e.atMs;
        break;
      case "child_sent": {
        const childId = String(p.childId);
        const c = facts.children.get(childId) ?? { sentCount: 0, sentE8: 0n };
        c.sentCount++;
        c.sentE8 += int(p.qtyE8, facts, e) ?? 0n;
        facts.children.set(childId, c);
        break;
      }
      case "fill": {
        const fillId = String(p.fillId);
        if (seenFills.has(fillId)) {
          facts.repeatedFillIds.push(fillId);
          break;
        }
        seenFills.add(fillId);
        facts.fills.push({ fillId, childId: String(p.childId), venue: String(p.venue), qtyE8: int(p.qtyE8, facts, e) ?? 0n, priceE9: int(p.priceE9, facts, e) ?? 0n, atMs: e.atMs });
        break;
      }
      default:
        if ((TERMINAL_KINDS as readonly string[]).includes(e.kind)) {
          facts.terminalCount++;
          const dustE8 = e.kind === "completed" && p.dustE8 !== undefined ? int(p.dustE8, facts, e) : undefined;
          facts.terminal ??= { kind: e.kind, atMs: e.atMs, ...(dustE8 !== undefined ? { dustE8 } : {}) };
        }
    }
  }
  return facts;
}

/** Fixed-point integers travel as decimal integer strings in the payloads. */
function int(v: unknown, facts: LogFacts, e: DbEvent): bigint | undefined {
  if (typeof v === "string" && /^-?\d+$/.test(v)) return BigInt(v);
  facts.unreadable.push(`seq ${e.seq} ${e.kind}: not an integer string: ${JSON.stringify(v)}`);
  return undefined;
}

export function sumE8(items: readonly { qtyE8: bigint }[]): bigint {
  return items.reduce((s, x) => s + x.qtyE8, 0n);
}
