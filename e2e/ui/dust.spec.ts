import { expect, test } from "@playwright/test";
import { OrderResponseSchema } from "@/lib/contracts/orders";
import { bearer, createKey } from "../support/demo";

test("Live and Review show the dust a completed order left, with its note", async ({ page, request }) => {
  // The order works for a few seconds before two pages load; the default 30 s was tight on a busy machine.
  test.setTimeout(90_000);
  const key = createKey(["--desk", `e2e-dust-ui-${Date.now()}`, "--role", "trader", "--sandbox"]);
  // Binance takes BTC in 0.00001 lots with a 5 USD minimum: the last 0.000004 goes nowhere.
  const res = await request.post("/v1/orders", { headers: bearer(key), data: { symbol: "BTC-USD", side: "buy", qty: 1.000004, venue: "binance" } });
  expect(res.status(), await res.text()).toBe(201);
  const placed = OrderResponseSchema.parse(await res.json()).order;
  await expect
    .poll(async () => OrderResponseSchema.parse(await (await request.get(`/v1/orders/${placed.order_id}`, { headers: bearer(key) })).json()).order.status, { timeout: 6_000 })
    .toBe("COMPLETED");
  const order = OrderResponseSchema.parse(await (await request.get(`/v1/orders/${placed.order_id}`, { headers: bearer(key) })).json()).order;

  await page.goto("/sign-in");
  await page.getByLabel(/api key/i).fill(key);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL("**/markets");
  for (const view of ["live", "review"] as const) {
    await page.goto(`/${view}/${order.node_order_id}`);
    const note = page.getByTestId(`${view}-dust`);
    // Review computes its benchmarks on first load: slow on a busy machine.
    await expect(note).toHaveAttribute("data-dust-qty", String(order.dust_qty), { timeout: 30_000 });
    await expect(note).toContainText(order.dust_note!);
    // Completed with dust is not a failure: no reason banner.
    await expect(page.getByTestId(`${view}-reason`)).toHaveCount(0);
    await page.screenshot({ path: `test-results/screens/${view}-dust.png` });
  }
});
