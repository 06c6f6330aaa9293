import { expect, test, type Page } from "@playwright/test";
import { bearer, createKey, demoKey } from "../support/demo";

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel(/api key/i).fill(demoKey("trader"));
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL("**/markets");
}

test.describe("Orders → Live → Decisions", () => {
  test("place a sandbox SOR order from the ticket and watch it fill to COMPLETED on Live", async ({ page }) => {
    await signIn(page);
    await page.goto("/orders?symbol=BTC-USD&side=buy&qty=1.5");
    const ticket = page.getByTestId("order-ticket");
    await expect(ticket).toBeVisible();
    await page.getByTestId("ticket-qty").fill("1.5");
    // The forecast is shown before sending.
    await expect(page.getByTestId("ticket-forecast")).toContainText(/bps/, { timeout: 15_000 });
    await expect(page.getByTestId("ticket-send")).toBeEnabled({ timeout: 15_000 });
    await page.getByTestId("ticket-send").click();
    await expect(page.getByTestId("ticket-result")).toBeVisible();
    await page.getByTestId("ticket-live-link").click();
    await page.waitForURL("**/live/**");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "COMPLETED", { timeout: 20_000 });
    await expect(page.getByTestId("live-totals")).toContainText("100");
    await expect(page.getByTestId("fills-chart").locator(".recharts-surface").first()).toBeVisible();
    await expect(page.getByTestId("progress-chart").locator(".recharts-surface").first()).toBeVisible();
    await expect(page.getByTestId("venue-health")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/live.png", fullPage: true });
  });

  test("a paced (TWAP) order fills slice by slice on Live", async ({ page }) => {
    await signIn(page);
    await page.goto("/orders?symbol=ETH-USD&side=sell&qty=6");
    await page.getByTestId("ticket-qty").fill("6");
    await page.getByTestId("ticket-paced").check();
    await page.getByTestId("ticket-slices").fill("3");
    await page.getByTestId("ticket-interval").fill("1"); // seconds between slices
    await expect(page.getByTestId("ticket-send")).toBeEnabled({ timeout: 15_000 });
    await page.getByTestId("ticket-send").click();
    await page.getByTestId("ticket-live-link").click();
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "COMPLETED", { timeout: 20_000 });
  });

  test("the blotter lists orders and Decisions shows score parts per venue", async ({ page }) => {
    await signIn(page);
    await page.goto("/orders");
    await expect.poll(() => page.getByTestId("blotter").locator('[data-testid^="blotter-row-"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.goto("/decisions");
    const rows = page.getByTestId("decisions-table").locator('[data-testid^="decision-row-"]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await rows.first().click();
    await expect(page.getByTestId("decision-detail").first()).toContainText(/fee/i);
    await page.screenshot({ path: "test-results/screens/decisions.png", fullPage: true });
  });
});

test("the kill switch shows the stored state, including a change made by another trader of the desk", async ({ page, request }) => {
  const mine = createKey(["--desk", "e2e-kill-ui", "--role", "trader", "--sandbox"]);
  const colleague = createKey(["--desk", "e2e-kill-ui", "--role", "trader", "--sandbox"]);
  await page.goto("/sign-in");
  await page.getByLabel(/api key/i).fill(mine);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL("**/markets");
  await page.goto("/orders");
  const control = page.getByTestId("kill-switch");
  await expect(control).toHaveAttribute("data-state", "released");
  await expect(page.getByTestId("kill-switch-changed")).toHaveText("never changed");

  // Engaged elsewhere: the page re-reads the stored switch and shows it within seconds.
  expect((await request.post("/v1/kill_switch", { headers: bearer(colleague), data: { action: "engage" } })).status()).toBe(200);
  await expect(control).toHaveAttribute("data-state", "engaged", { timeout: 15_000 });
  await expect(page.getByTestId("kill-switch-changed")).toContainText(/since \d\d:\d\d:\d\d/);

  await page.getByTestId("kill-switch-release").click();
  await page.getByTestId("kill-switch-confirm-release").click();
  await expect(control).toHaveAttribute("data-state", "released");
});

test("Live pauses and resumes a TWAP order", async ({ page, request }) => {
  const res = await request.post("/v1/orders", {
    headers: bearer(demoKey("trader")),
    data: {
      graph_id: `ui-pause-${Date.now()}`,
      nodes: [{ node_id: "twap", instrument: "ETH-USD", side: "buy", quantity: 4, execution: { policy: "sor", urgency: "medium", pacing: { num_slices: 4, interval_ms: 2000 } } }],
      edges: [],
    },
  });
  expect(res.status()).toBe(201);
  const node = ((await res.json()) as { nodes: { node_order_id: string }[] }).nodes[0]!;
  await signIn(page);
  await page.goto(`/live/${node.node_order_id}`);
  const status = page.getByTestId("live-status");
  await expect(status).toHaveAttribute("data-status", "RUNNING", { timeout: 10_000 });
  await page.getByTestId("live-pause").click();
  await expect(status).toHaveAttribute("data-status", "PAUSED");
  const held = await page.getByTestId("live-fill-pct").textContent();
  await page.waitForTimeout(2_500);
  await expect(page.getByTestId("live-fill-pct")).toHaveText(held ?? "");
  await page.getByTestId("live-resume").click();
  await expect(status).toHaveAttribute("data-status", "COMPLETED", { timeout: 20_000 });
});
