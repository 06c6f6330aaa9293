/**
 * Open-loop order flow for benchmarks, in its own process: a load generator sharing the
 * measuring client's event loop delays that client's responses (seen: 100 ms between the
 * server's answer and the client reading it at 200 orders/s), which would be charged to the
 * server. Posts market orders (BTC and ETH, both sides) at `--rate`/s for `--seconds`, then
 * prints one JSON line: sent, status mix and ack latencies (p50/p99).
 * `npx tsx scripts/bench/generate-order-load.ts --base http://127.0.0.1:3000 --key seq_test_… --rate 200 --seconds 30`
 */
import { summarize } from "./stats";

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (v === undefined) throw new Error(`missing --${name}`);
  return v;
}

async function main(): Promise<void> {
  const base = arg("base");
  const rate = Number(arg("rate"));
  const seconds = Number(arg("seconds"));
  const headers = { Authorization: `Bearer ${arg("key")}`, "Content-Type": "application/json" };
  const statuses: Record<string, number> = {};
  const count = (k: string) => (statuses[k] = (statuses[k] ?? 0) + 1);
  const acks: number[] = [];
  let inFlight = 0;
  let sent = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  while (performance.now() < end) {
    const due = Math.floor(((performance.now() - t0) / 1000) * rate);
    while (sent < due) {
      sent++;
      if (inFlight > 2_000) {
        count("skipped(client cap)");
        continue;
      }
      inFlight++;
      const i = sent;
      const body = { symbol: i % 2 ? "ETH-USD" : "BTC-USD", side: i % 3 ? "buy" : "sell", qty: i % 2 ? 0.5 : 0.02 };
      const t = performance.now();
      fetch(`${base}/v1/orders`, { method: "POST", headers, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) })
        .then(async (res) => {
          await res.arrayBuffer();
          acks.push(performance.now() - t);
          count(String(res.status));
        })
        .catch((err: unknown) => count(err instanceof Error ? err.name : "error"))
        .finally(() => inFlight--);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
  const s = summarize(acks);
  console.log(JSON.stringify({ sent, statuses, ackP50: s.p50, ackP99: s.p99 }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
