/**
 * The same order read off the pages a trader and a lead use: Live (final), Review and the
 * Summary's recent-orders row show the same arrival mid, realized cost (bps, USD), fees and
 * vs-forecast, and each label carries the glossary definition as its tooltip.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { GLOSSARY } from "@/lib/execution-figures";
import { OrderResponseSchema } from "@/lib/contracts/orders";
import { bearer, demoKey } from "../support/demo";

const FIGURES = ["arrival-mid", "realized-bps", "realized-usd", "fees", "vs-forecast"] as const;

async function signInAsLead(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel(/api key/i).fill(demoKey("lead"));
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL("**/markets");
}

async function read(scope: Locator): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of FIGURES) out[f] = (await scope.getByTestId(`figure-${f}`).innerText()).trim();
  return out;
}

test("Live (final), Review and Summary show the same figures for one order, with glossary tooltips", async ({ page, request }) => {
  const placed = OrderResponseSchema.parse(
    await (await request.post("/v1/orders", { headers: bearer(demoKey("trader")), data: { symbol: "SOL-USD", side: "buy", qty: 250 } })).json(),
  );
  const node = placed.order.node_order_id;
  await expect
    .poll(async () => OrderResponseSchema.parse(await (await request.get(`/v1/orders/${placed.order.order_id}`, { headers: bearer(demoKey("lead")) })).json()).order.status, { timeout: 20_000 })
    .toBe("COMPLETED");
  await signInAsLead(page);

  await page.goto(`/live/${node}`);
  const live = page.getByTestId("live-figures");
  await expect(live).toHaveAttribute("data-final", "true", { timeout: 15_000 });
  await expect(live.getByTestId("figure-realized-bps")).toHaveText(/bps/);
  const onLive = await read(live);
  await expect(live.locator('[data-glossary="arrival_mid"]')).toHaveAttribute("title", GLOSSARY.arrival_mid.definition);

  await page.goto(`/review/${node}`);
  const review = page.getByTestId("review-figures");
  await expect(review.getByTestId("figure-realized-bps")).toHaveText(/bps/, { timeout: 15_000 });
  const onReview = await read(review);
  await expect(review.locator('[data-glossary="realized_cost"]').first()).toHaveAttribute("title", GLOSSARY.realized_cost.definition);

  await page.goto("/summary?symbol=SOL-USD");
  const row = page.getByTestId(`recent-order-${node}`);
  await expect(row).toBeVisible({ timeout: 15_000 });
  const onSummary = await read(row);
  await expect(page.getByTestId("recent-orders").locator('[data-glossary="vs_forecast"]')).toHaveAttribute("title", GLOSSARY.vs_forecast.definition);

  expect(onLive["realized-bps"]).toMatch(/^-?[<>]?-?\d+\.\d\d bps$/);
  expect(onReview).toEqual(onLive);
  expect(onSummary).toEqual(onLive);
  await page.screenshot({ path: "test-results/screens/figures-summary.png", fullPage: true });
});
