import { expect, test, type Page } from "@playwright/test";
import { demoKey } from "../support/demo";

async function signIn(page: Page, key: string) {
  await page.goto("/sign-in");
  await page.getByLabel(/api key/i).fill(key);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL("**/markets");
}

test.describe("Markets page", () => {
  test("unauthenticated visitors are sent to sign-in", async ({ page }) => {
    await page.goto("/markets");
    await page.waitForURL("**/sign-in");
    await expect(page.getByLabel(/api key/i)).toBeVisible();
  });

  test("a wrong key shows the error and stays on sign-in", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel(/api key/i).fill(`seq_test_${"0".repeat(64)}`);
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page.getByText(/unknown api key/i)).toBeVisible();
    expect(page.url()).toContain("/sign-in");
  });

  test("signs in with the demo key and sees live quotes and a depth chart", async ({ page }) => {
    await signIn(page, demoKey("trader"));
    await expect(page.getByText("demo").first()).toBeVisible();
    const table = page.getByTestId("quotes-table");
    await expect(table).toBeVisible();
    // Not every venue lists every symbol; at least five do.
    await expect.poll(() => table.locator('[data-testid^="quote-row-"]').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    await expect(page.getByTestId("nbbo-strip")).toContainText("BTC-USD");
    await expect(page.getByTestId("source-badge")).toContainText(/simulated/i);
    const chart = page.getByTestId("depth-chart");
    await expect(chart.locator(".recharts-surface").first()).toBeVisible();
    // Bars or areas with real geometry, not an empty chart.
    await expect(chart.locator(".recharts-rectangle, .recharts-area-area, .recharts-curve").first()).toBeVisible();

    // Quotes update live: the strip text changes within a few seconds.
    const before = await page.getByTestId("nbbo-strip").innerText();
    await expect.poll(async () => page.getByTestId("nbbo-strip").innerText(), { timeout: 10_000 }).not.toBe(before);
    await page.screenshot({ path: "test-results/screens/markets.png", fullPage: true });
  });

  test("the key never reaches browser storage or script-readable cookies", async ({ page }) => {
    const key = demoKey("viewer");
    await signIn(page, key);
    const stored = await page.evaluate(() => JSON.stringify({ ls: { ...localStorage }, ss: { ...sessionStorage }, c: document.cookie }));
    expect(stored).not.toContain(key);
    expect(stored).not.toContain("ei_session");
  });
});

test.describe("Market source on every page", () => {
  test("the header names the source and its freshness on each page; Markets lists every feed", async ({ page }) => {
    await signIn(page, demoKey("lead"));
    for (const path of ["/markets", "/forecast", "/simulate", "/orders", "/live", "/decisions", "/review", "/summary"]) {
      await page.goto(path);
      const indicator = page.getByTestId("market-indicator");
      await expect(indicator, path).toHaveAttribute("data-source", "simulated");
      await expect(indicator, path).toHaveAttribute("data-status", "ok");
      await expect(page.getByTestId("market-indicator-detail"), path).toContainText(/7\/7 venues ok · freshest \d+ ms/);
    }
    await page.goto("/markets");
    const feeds = page.getByTestId("feeds-table");
    await expect(feeds.locator('[data-testid^="feed-row-"]')).toHaveCount(7);
    await expect(page.getByTestId("feed-row-binance")).toHaveAttribute("data-state", "ok");
    await expect(page.getByTestId("feed-row-binance")).toContainText("spot · USDT");
    await expect(page.getByTestId("feed-row-coinbase")).toContainText("spot · USD");
  });
});
