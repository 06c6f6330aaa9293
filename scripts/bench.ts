/**
 * `npm run bench`: figures and ratios, never pass/fail on wall time. Needs a build
 * (`npm run build`) for the HTTP and overload parts. Writes bench-results/latest.json as
 * well. `npm run bench -- overload http` runs only the named parts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchControl } from "./bench/bench-control";
import { benchHttp } from "./bench/bench-http";
import { benchMarket } from "./bench/bench-market";
import { benchOverload } from "./bench/bench-overload";
import { benchReplay } from "./bench/bench-replay";
import { benchSandbox } from "./bench/bench-sandbox";
import { benchTca } from "./bench/bench-tca";
import { benchCalibration } from "./calibration";
import { benchCost } from "@/server/cost/bench-cost";
import { benchSimulate } from "@/server/execution/bench-simulate";

async function main() {
  console.log(`Benchmarks on ${process.platform}/${process.arch}, Node ${process.version}`);
  const parts: Record<string, () => unknown> = {
    market: benchMarket,
    cost: benchCost,
    simulate: benchSimulate,
    sandbox: benchSandbox,
    tca: benchTca,
    replay: benchReplay,
    http: benchHttp,
    overload: benchOverload,
    control: benchControl,
    calibration: benchCalibration,
  };
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in parts));
  if (unknown.length) throw new Error(`unknown bench part ${unknown.join(", ")}; parts: ${Object.keys(parts).join(", ")}`);
  const results: Record<string, unknown> = {};
  // One after another: parts measure time and must not share the machine with each other.
  for (const [name, run] of Object.entries(parts)) if (asked.length === 0 || asked.includes(name)) results[name] = await run();
  const dir = join(__dirname, "..", "bench-results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "latest.json"), JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
