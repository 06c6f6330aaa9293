/**
 * The bounded part of the fault suite (scripts/faults): a few SQLite chaos cycles (mixed
 * flow → kill -9/SIGTERM → restart → independent audit) and both regression repros, each
 * asserting zero violations. The full suite is `npm run faults`.
 */
import { expect, test } from "@playwright/test";
import { openCycleStore } from "@/scripts/faults/cycle-store";
import { runChaosCycles } from "@/scripts/faults/run-chaos-cycles";
import { runCancelThenKill } from "@/scripts/faults/scenario-cancel-then-kill";
import { runTwapRestart } from "@/scripts/faults/scenario-twap-restart";
import type { Violation } from "@/scripts/faults/violations";

// Its own server, beside the suite's two (E2E_PORT and E2E_PORT+1) and durability's.
const PORT = Number(process.env.E2E_PORT ?? 3123) + 9;
const explain = (vs: readonly Violation[]) => vs.map((v) => `${v.cls} ${v.subject}: ${v.message}`).join("\n");

test("chaos cycles on SQLite: every acknowledged order, cancel and kill switch survives kill -9 and SIGTERM", async () => {
  test.setTimeout(75_000);
  const result = await runChaosCycles({ store: "sqlite", cycles: 3, seed: 11, port: PORT, settleMs: 12_000, log: () => undefined });
  expect(result.violations, explain(result.violations)).toEqual([]);
});

test("repro: a 10 × 1 s TWAP killed after 3.5 s ends COMPLETED with exactly 1 BTC after the restart", async () => {
  test.setTimeout(45_000);
  const store = await openCycleStore("sqlite", "spec_twap");
  try {
    const result = await runTwapRestart(store, PORT);
    expect(result.violations, `${result.notes.join("\n")}\n${explain(result.violations)}`).toEqual([]);
  } finally {
    await store.dispose();
  }
});

test("repro: an order cancelled (200) just before kill -9 is CANCELLED after the restart", async () => {
  test.setTimeout(45_000);
  const store = await openCycleStore("sqlite", "spec_cancel");
  try {
    const result = await runCancelThenKill(store, PORT);
    expect(result.skipped, result.notes.join("\n")).toBeUndefined();
    expect(result.violations, `${result.notes.join("\n")}\n${explain(result.violations)}`).toEqual([]);
  } finally {
    await store.dispose();
  }
});
