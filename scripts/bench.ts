/**
 * `npm run bench`: figures and ratios, never pass/fail on wall time. Needs a build
 * (`npm run build`) for the HTTP part. Writes bench-results/latest.json as well.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchControl } from "./bench/bench-control";
import { benchHttp } from "./bench/bench-http";
import { benchMarket } from "./bench/bench-market";
import { benchReplay } from "./bench/bench-replay";
import { benchSandbox } from "./bench/bench-sandbox";
import { benchTca } from "./bench/bench-tca";
import { benchCost } from "@/server/cost/bench-cost";
import { benchSimulate } from "@/server/execution/bench-simulate";

async function main() {
  console.log(`Benchmarks on ${process.platform}/${process.arch}, Node ${process.version}`);
  const results = { market: benchMarket(), cost: benchCost(), simulate: benchSimulate(), sandbox: await benchSandbox(), tca: await benchTca(), replay: await benchReplay(), http: await benchHttp(), control: await benchControl() };
  const dir = join(__dirname, "..", "bench-results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "latest.json"), JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
