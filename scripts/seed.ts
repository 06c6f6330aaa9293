/**
 * `npm run seed -- [--orders N] [--days D] [--desk NAME] [--seed S]`: adds sandbox order
 * history to a desk (default the demo desk), executed through the real router and matching
 * engine on a simulated market running over the past D days.
 */
import { parseEnv } from "@/server/env";
import { seedHistory } from "@/server/intelligence/seed-history";
import { openStore } from "@/server/store/open-store";

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

async function main(): Promise<number> {
  const env = parseEnv(process.env);
  const orders = Number(flag("orders", "300"));
  const days = Number(flag("days", "7"));
  const seed = Number(flag("seed", String(Date.now() % 100_000)));
  if (!Number.isInteger(orders) || orders < 1 || orders > 100_000) return usage("--orders must be an integer from 1 to 100000");
  if (!(days > 0 && days <= 366)) return usage("--days must be a number from 0 to 366");
  const store = openStore({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL });
  try {
    await store.migrate();
    const deskName = flag("desk", "demo");
    const desk = await store.getDeskByName(deskName);
    if (!desk) return usage(`no desk "${deskName}" (start the server once, or create it with npm run keys -- create --desk ${deskName})`);
    const key = (await store.listApiKeys(desk.id)).find((k) => k.revokedAtMs === null && k.sandbox);
    if (!key) return usage(`desk "${deskName}" has no active sandbox key to attribute the orders to`);
    const t0 = Date.now();
    const r = await seedHistory({ store, deskId: desk.id, keyId: key.id, orders, days, endMs: Date.now(), seed, log: (m, e) => console.error(m, e) });
    console.log(`Seeded ${r.orders} orders (${r.completed} completed) over ${days} days for desk "${deskName}" in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await store.close();
  }
}

function usage(message: string): number {
  console.error(`seed: ${message}`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
