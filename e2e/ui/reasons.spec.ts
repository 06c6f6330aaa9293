import { expect, test } from "@playwright/test";
import { OrderResponseSchema } from "@/lib/contracts/orders";
import { REASON_MESSAGES } from "@/lib/reason-messages";
import { bearer, createKey } from "../support/demo";

test("Live and Review show why an order did not complete: status, code and message", async ({ page, request }) => {
  // A desk of its own, so engaging its kill switch touches no other test's orders.
  const key = createKey(["--desk", `e2e-reasons-ui-${Date.now()}`, "--role", "trader", "--sandbox"]);
  const res = await request.post("/v1/orders", {
    headers: bearer(key),
    data: {
      graph_id: `ui-reasons-${Date.now()}`,
      nodes: [{ node_id: "twap", instrument: "ETH-USD", side: "buy", quantity: 12, execution: { policy: "sor", urgency: "low", pacing: { num_slices: 12, interval_ms: 2000 } } }],
      edges: [],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const node = OrderResponseSchema.parse(await res.json()).nodes[0]!;

  await page.goto("/sign-in");
  await page.getByLabel(/api key/i).fill(key);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL("**/markets");
  await page.goto(`/live/${node.node_order_id}`);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "RUNNING", { timeout: 10_000 });
  // A working order shows no reason.
  await expect(page.getByTestId("live-reason")).toHaveCount(0);

  expect((await request.post("/v1/kill_switch", { headers: bearer(key), data: { action: "engage" } })).status()).toBe(200);
  const live = page.getByTestId("live-reason");
  await expect(live).toHaveAttribute("data-code", "KILL_SWITCH", { timeout: 10_000 });
  await expect(live).toHaveAttribute("data-status", "CANCELLED");
  await expect(live).toContainText("cancelled");
  await expect(live).toContainText("KILL_SWITCH");
  await expect(live).toContainText(REASON_MESSAGES.KILL_SWITCH);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "CANCELLED");
  await page.screenshot({ path: "test-results/screens/live-reason.png" });

  await page.goto(`/review/${node.node_order_id}`);
  const review = page.getByTestId("review-reason");
  await expect(review).toHaveAttribute("data-code", "KILL_SWITCH", { timeout: 15_000 });
  await expect(review).toContainText(REASON_MESSAGES.KILL_SWITCH);
  await expect(page.getByTestId("review-status")).toHaveAttribute("data-status", "CANCELLED");
  await page.screenshot({ path: "test-results/screens/review-reason.png" });

  expect((await request.post("/v1/kill_switch", { headers: bearer(key), data: { action: "release" } })).status()).toBe(200);
});
