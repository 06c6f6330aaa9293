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
    // The best alternative: the router's own routing, or a cheaper single venue with its saving.
    await expect(page.getByTestId("best-alternative").first()).toContainText(/Router's routing|alone/);
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
    // The calibration panel: predicted vs realized by size bucket, coverage per policy (seeded history: SOR and TWAP).
    await expect(page.getByTestId("calibration-policy-table")).toContainText(/sor|twap/);
    await expect(page.getByTestId("calibration-buckets-chart").locator(".recharts-surface").first()).toBeVisible();
    await expect(page.getByTestId("csv-download")).toHaveAttribute("href", /format=csv/);
    await page.screenshot({ path: "test-results/screens/summary.png", fullPage: true });
  });

  test("summary filters live in the URL under the API's names; the default is the last 7 days", async ({ page }) => {
    await signInAsLead(page);
    await page.goto("/summary");
    const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
    await expect(page.getByTestId("summary-end")).toHaveValue(day(0));
    await expect(page.getByTestId("summary-start")).toHaveValue(day(6));
    await page.getByTestId("summary-symbol").selectOption("BTC-USD");
    await expect.poll(() => new URL(page.url()).searchParams.get("symbol")).toBe("BTC-USD");
    await expect(page.getByTestId("csv-download")).toHaveAttribute("href", /symbol=BTC-USD/);
    // A linked view opens as it was shared.
    await page.goto(`/summary?start_date=${day(3)}&end_date=${day(1)}&venue=okx`);
    await expect(page.getByTestId("summary-start")).toHaveValue(day(3));
    await expect(page.getByTestId("summary-end")).toHaveValue(day(1));
    await expect(page.getByTestId("summary-venue")).toHaveValue("okx");
    await expect(page.getByTestId("csv-download")).toHaveAttribute("href", new RegExp(`start_date=${day(3)}.*end_date=${day(1)}`));
  });
});
