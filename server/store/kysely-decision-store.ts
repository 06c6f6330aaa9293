/**
 * DecisionStore over Kysely: one row per routing decision, its candidates, exclusions
 * and legs as JSON (they are read whole, never queried into).
 */
import { randomUUID } from "node:crypto";
import type { Insertable, Kysely, Selectable } from "kysely";
import type { SymbolId } from "@/lib/contracts/common";
import { e8FromColumn, e8ToColumn } from "./decimal-columns";
import { candidatesFromJson, exclusionsFromJson, legsFromJson, toDecisionJson } from "./decision-json";
import type { DecisionListQuery, DecisionRepeats, DecisionStore, NewRoutingDecision, RoutingDecisionRecord } from "./decision-port";
import { wholeMs } from "./order-rows";
import type { Database, RoutingDecisionsTable } from "./schema";

function toDecisionRecord(row: Selectable<RoutingDecisionsTable>): RoutingDecisionRecord {
  return {
    id: row.id,
    orderId: row.order_id,
    nodeOrderId: row.node_order_id,
    deskId: row.desk_id,
    atMs: row.at_ms,
    routerVersion: row.router_version,
    symbol: row.symbol as SymbolId,
    side: row.side,
    qtyE8: e8FromColumn(row.qty),
    candidates: candidatesFromJson(row.candidates_json),
    exclusions: exclusionsFromJson(row.exclusions_json),
    legs: legsFromJson(row.legs_json),
    estCostBps: row.est_cost_bps,
    detail: row.detail_json === null ? null : (JSON.parse(row.detail_json) as unknown),
    repeatCount: row.repeat_count,
    lastRepeatAtMs: row.last_repeat_at_ms,
  };
}

export function newDecisionId(): string {
  return `dec_${randomUUID().replaceAll("-", "")}`;
}

export function toDecisionRow(decision: NewRoutingDecision): Selectable<RoutingDecisionsTable> {
  return {
    id: decision.id ?? newDecisionId(),
    order_id: decision.orderId,
    node_order_id: decision.nodeOrderId,
    desk_id: decision.deskId,
    at_ms: wholeMs(decision.atMs),
    router_version: decision.routerVersion,
    symbol: decision.symbol,
    side: decision.side,
    qty: e8ToColumn(decision.qtyE8),
    candidates_json: toDecisionJson(decision.candidates),
    exclusions_json: toDecisionJson(decision.exclusions),
    legs_json: toDecisionJson(decision.legs),
    est_cost_bps: decision.estCostBps,
    detail_json: decision.detail === undefined ? null : JSON.stringify(decision.detail),
    repeat_count: 0,
    last_repeat_at_ms: null,
  };
}

/** Writes decisions and repeat counts on any executor (the database, or a transaction). */
export async function writeDecisions(
  db: Kysely<Database>,
  rows: readonly Insertable<RoutingDecisionsTable>[],
  repeats: readonly DecisionRepeats[],
): Promise<void> {
  if (rows.length) await db.insertInto("routing_decisions").values([...rows]).execute();
  for (const r of repeats) {
    await db
      .updateTable("routing_decisions")
      .set({ repeat_count: r.count, last_repeat_at_ms: wholeMs(r.lastAtMs) })
      .where("id", "=", r.id)
      .execute();
  }
}

export class KyselyDecisionStore implements DecisionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insertDecision(decision: NewRoutingDecision): Promise<RoutingDecisionRecord> {
    const row = toDecisionRow(decision);
    await writeDecisions(this.db, [row], []);
    return toDecisionRecord(row);
  }

  async recordDecisionRepeats(repeats: readonly DecisionRepeats[]): Promise<void> {
    await writeDecisions(this.db, [], repeats);
  }

  async listDecisions(deskId: string, q: DecisionListQuery): Promise<RoutingDecisionRecord[]> {
    if (!Number.isInteger(q.lastN) || q.lastN < 1) throw new RangeError(`lastN must be a positive integer, got ${q.lastN}`);
    let query = this.db.selectFrom("routing_decisions").selectAll().where("desk_id", "=", deskId);
    if (q.nodeOrderId !== undefined) query = query.where("node_order_id", "=", q.nodeOrderId);
    const rows = await query.orderBy("at_ms", "desc").orderBy("id", "desc").limit(q.lastN).execute();
    return rows.map(toDecisionRecord);
  }
}
