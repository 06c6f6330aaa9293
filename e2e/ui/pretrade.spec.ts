import { expect, test, type Page } from "@playwright/test";
import { demoKey } from "../support/demo";

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel(/api key/i).fill(demoKey("trader"));
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL("**/markets");
}

test.describe("Forecast page", () => {
  test("renders the capacity curve, fill confidence, venue ranking and urgency charts from live data", async ({ page }) => {
    await signIn(page);
    await page.goto("/forecast?symbol=BTC-USD&side=buy&qty=5");
    await expect(page.getByTestId("forecast-kpis")).toContainText(/bps/);
    // The forecast's legs are the router's plan at the pinned version, and the page says which.
    await expect(page.getByTestId("kpi-model")).toContainText(/legs by router v3/);
    for (const id of ["capacity-chart", "fill-confidence-chart", "urgency-chart"]) {
      await expect(page.getByTestId(id).locator(".recharts-surface").first(), id).toBeVisible();
    }
    // Real series, not empty axes: the P50 line and P90 band have path geometry.
    await expect(page.getByTestId("capacity-chart").locator("path.recharts-curve, path.recharts-area-area").first()).toBeVisible();
    await expect.poll(() => page.getByTestId("landed-cost-bars").locator('[data-testid^="landed-cost-bar-"]').count()).toBeGreaterThanOrEqual(5);
    const rows = page.getByTestId("venue-ranking").locator('[data-testid^="venue-row-"]');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(5);
    // The urgency table's "Now" row is the P50 card (the page polls: read both from one render).
    await expect
      .poll(async () => {
        const card = (await page.getByTestId("kpi-p50-bps").innerText()).replace(/\s*bps$/, "");
        return (await page.getByTestId("urgency-now").innerText()).includes(card);
      })
      .toBe(true);
    await page.screenshot({ path: "test-results/screens/forecast.png", fullPage: true });
  });

  test("an order beyond visible depth says so instead of failing", async ({ page }) => {
    await signIn(page);
    await page.goto("/forecast?symbol=ETH-USD&side=sell&qty=200000");
    await expect(page.getByTestId("forecast-warnings")).toContainText(/depth/i);
    await expect(page.getByTestId("kpi-incomplete")).toBeVisible();
  });

  test("a bad quantity shows the field error", async ({ page }) => {
    await signIn(page);
    await page.goto("/forecast?symbol=BTC-USD&side=buy&qty=5");
    await page.getByTestId("qty-input").fill("-3");
    await expect(page.getByTestId("qty-error")).toBeVisible();
  });
});

test.describe("Simulate page", () => {
  test("runs the simulator and shows the strategy comparison with a recommendation", async ({ page }) => {
    await signIn(page);
    await page.goto("/simulate?symbol=BTC-USD&side=buy&qty=2&urgency=medium&paths=100");
    await page.getByTestId("simulate-run").click();
    await expect(page.getByTestId("strategy-chart").locator(".recharts-surface").first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("strategy-chart").locator(".recharts-rectangle").first()).toBeVisible();
    await expect(page.getByTestId("strategy-table")).toContainText(/aggressive/i);
    await expect(page.getByTestId("strategy-table")).toContainText(/passive/i);
    await expect(page.getByTestId("recommendation")).not.toHaveAttribute("data-recommended", "none");
    await expect(page.getByText(/legs split by the router v3 planner/)).toBeVisible();
    await page.screenshot({ path: "test-results/screens/simulate.png", fullPage: true });
  });

  test("an impossible cost cap leaves nothing recommended and says why", async ({ page }) => {
    await signIn(page);
    await page.goto("/simulate?symbol=BTC-USD&side=buy&qty=1&max_cost=-500&paths=50");
    await page.getByTestId("simulate-run").click();
    await expect(page.getByTestId("recommendation")).toHaveAttribute("data-recommended", "none", { timeout: 20_000 });
    await expect(page.getByTestId("dropped-strategies")).toContainText(/max_cost_bps/);
  });
});
