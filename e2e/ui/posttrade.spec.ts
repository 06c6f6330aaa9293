import { expect, test, type Page } from "@playwright/test";
import { OrderResponseSchema } from "@/lib/contracts/orders";
import { bearer, demoKey } from "../support/demo";

async function signInAsLead(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel(/api key/i).fill(demoKey("lead"));
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL("**/markets");
}

test.describe("Review and Summary pages", () => {
  test("a lead reviews a completed order: timeline, shortfall waterfall, markouts, decision audit", async ({ page, request }) => {
    const placed = OrderResponseSchema.parse(
      await (await request.post("/v1/orders", { headers: bearer(demoKey("trader")), data: { symbol: "SOL-USD", side: "buy", qty: 400 } })).json(),
    );
    await expect
      .poll(async () => OrderResponseSchema.parse(await (await request.get(`/v1/orders/${placed.order.order_id}`, { headers: bearer(demoKey("lead")) })).json()).order.status, { timeout: 20_000 })
      .toBe("COMPLETED");
    await signInAsLead(page);
    await page.goto(`/review/${placed.order.node_order_id}`);
    await expect(page.getByTestId("review-header")).toContainText("SOL-USD");
    for (const id of ["review-timeline-chart", "shortfall-waterfall", "markout-chart"]) {
      await expect(page.getByTestId(id).locator(".recharts-surface").first(), id).toBeVisible({ timeout: 15_000 });
    }
    await expect(page.getByTestId("decision-audit")).toContainText(/v[123]/);
    await expect(page.getByTestId("forecast-vs-realized")).toContainText(/P90/);
    await page.screenshot({ path: "test-results/screens/review.png", fullPage: true });
  });

  test("the desk summary shows KPIs, percentiles, venue and symbol tables, calibration and a CSV link", async ({ page }) => {
    await signInAsLead(page);
    await page.goto("/summary");
    await expect(page.getByTestId("summary-kpis")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId("percentile-chart").locator(".recharts-surface").first()).toBeVisible();
    await expect(page.getByTestId("venue-table")).toContainText(/binance|okx|bybit|coinbase|kraken|bitget|cryptocom/);
    await expect(page.getByTestId("symbol-table")).toContainText("-USD");
    await expect(page.getByTestId("calibration-chart")).toBeVisible();
    await expect(page.getByTestId("csv-download")).toHaveAttribute("href", /format=csv/);
    await page.screenshot({ path: "test-results/screens/summary.png", fullPage: true });
  });
});
