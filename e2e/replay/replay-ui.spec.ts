import { expect, test } from "@playwright/test";
import { demoKey, replayDataDir } from "../support/demo";

test("the dashboard says it is replaying the 2024-08-08 recording, on every page, with the feeds' health", async ({ page }) => {
  // Two instruments and five pages on a shared 2-core machine: more than the 30 s default.
  test.setTimeout(60_000);
  await page.goto("/sign-in");
  await page.getByLabel(/api key/i).fill(demoKey("trader", replayDataDir));
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL("**/markets");
  const indicator = page.getByTestId("market-indicator");
  await expect(indicator).toHaveAttribute("data-source", "replay");
  await expect(page.getByTestId("market-indicator-detail")).toContainText(/recorded 2024-08-0[89]/);
  // Only what the recording holds is offered.
  await expect(page.getByTestId("symbol-selector").getByRole("radio")).toHaveCount(2);
  // BTC-USD is the spot book alone; the perps are BTC-USD-PERP.
  await expect(page.getByTestId("quote-row-binance")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("quote-row-binance-usdm")).toHaveCount(0);
  await expect(page.getByTestId("quote-row-coinbase")).toHaveCount(0);
  // The spot–perp difference is shown as a basis in bps, not as a crossed market.
  await expect(page.getByTestId("basis-BTC-USD").getByTestId("basis-bps")).toHaveText(/^[+-]?\d+\.\d{2} bps$/, { timeout: 15_000 });
  await expect(page.getByTestId("nbbo-BTC-USD").getByTestId("nbbo-crossed")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/markets-replay-basis.png", fullPage: true });
  await page.getByTestId("nbbo-BTC-USD-PERP").click();
  for (const venue of ["binance-usdm", "binance-coinm"]) await expect(page.getByTestId(`quote-row-${venue}`)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("quote-row-binance")).toHaveCount(0);
  await expect(page.getByTestId("replay-status")).toContainText("Replaying 3 recorded files");
  for (const venue of ["binance", "binance-usdm", "binance-coinm"]) {
    const row = page.getByTestId(`feed-row-${venue}`);
    await expect(row).toHaveAttribute("data-state", "ok");
  }
  await expect(page.getByTestId("feed-row-binance-coinm")).toContainText("perp");
  for (const path of ["/forecast", "/orders", "/summary"]) {
    await page.goto(path);
    await expect(page.getByTestId("market-indicator"), path).toHaveAttribute("data-source", "replay");
  }
  // The forecast offers the selected instrument's venues: BTC-USD is spot Binance only.
  await page.goto("/forecast");
  await expect(page.getByTestId("venue-exclude").getByRole("checkbox")).toHaveCount(1);
});
