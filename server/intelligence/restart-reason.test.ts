import { describe, expect, it } from "vitest";
import { REASON_MESSAGES } from "@/lib/reason-messages";
import { issueApiKey } from "@/server/auth/issue-api-key";
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import { createManualClock } from "@/server/shared/clock";
import { createLogger } from "@/server/shared/logger";
import { buildOrder } from "@/server/store/testing/order-fixtures";
import { openTempSqliteStore } from "@/server/store/testing/open-temp-sqlite-store";
import { createCalibrationRecord } from "./calibration-record";
import { loadOrderView } from "./order-view";
import { startSandbox } from "./start-sandbox";
import { writeStoredBody } from "./stored-order-body";

const T0 = 1_760_000_000_000;

describe("restart recovery", () => {
  it("a graph node whose trigger can no longer fire (its source ended without filling) is cancelled with GRAPH_TRIGGER_UNMET, shown in words", async () => {
    const { store, dispose } = await openTempSqliteStore();
    const clock = createManualClock(T0 + 60_000);
    const source = createSimulatedSource({ clock, seed: 3, scheduler: { setInterval: () => 0, clearInterval: () => {} } });
    try {
      const desk = await store.createDesk({ name: "restart" });
      const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
      // As the store held them when the process died: the root was cancelled, so its
      // on_full_fill edge can never start the node.
      const body = (nodeId: string, edges: { to: string; trigger: string; timeoutMs: null }[]) =>
        writeStoredBody({ request: {}, nodeId, excludeVenues: [], pacing: null, edges, forecast: null });
      const root = buildOrder(desk.id, key.id, { createdAtMs: T0, graphId: "g-restart", bodyJson: body("a", [{ to: "b", trigger: "on_full_fill", timeoutMs: null }]) });
      const node = buildOrder(desk.id, key.id, { createdAtMs: T0, parentId: root.id, bodyJson: body("b", []) });
      await store.createOrderGraph([root, node], [
        { orderId: root.id, event: { kind: "accepted", atMs: T0, qtyE8: root.qtyE8 } },
        { orderId: root.id, event: { kind: "cancelled", atMs: T0 + 1, reason: null } },
        { orderId: node.id, event: { kind: "accepted", atMs: T0, qtyE8: node.qtyE8 } },
      ]);

      const sandbox = await startSandbox({
        store, source, observations: createObservationStore({ clock }), clock, log: createLogger("error", () => {}), seed: 1,
        calibration: createCalibrationRecord(), tickMs: 3_600_000,
      });
      sandbox.stop();
      await sandbox.runner.flush();

      const events = (await store.listOrderEvents(node.id)).map((e) => e.event);
      expect(events.at(-1)).toMatchObject({ kind: "cancelled", reason: "GRAPH_TRIGGER_UNMET" });
      const view = await loadOrderView(store, (await store.getOrder(desk.id, node.id))!);
      expect(view).toMatchObject({ status: "CANCELLED", reject_reason: "GRAPH_TRIGGER_UNMET", reason_message: REASON_MESSAGES.GRAPH_TRIGGER_UNMET });
      expect((await store.getOrderTca([node.id])).get(node.id)?.rejectReason).toBe("GRAPH_TRIGGER_UNMET");
    } finally {
      source.stop();
      await dispose();
    }
  });
});
