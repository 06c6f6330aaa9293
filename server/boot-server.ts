import { Server } from "node:http";
import { getCore } from "./core";
import { installFrontGate } from "./http/install-front-gate";
import { printStartBanner } from "./print-start-banner";

/**
 * Builds the core (validates config, migrates, seeds the demo desk, starts the market
 * source), puts load shedding in front of Next's request handling and prints where to go. A failure here stops the process: a server that cannot
 * read its configuration or reach its store should not pretend to be up.
 */
export async function bootServer(): Promise<void> {
  try {
    const core = await getCore();
    // Every http server in this process is Next's own: shed /v1 load before its pipeline.
    installFrontGate(Server.prototype, core.admission);
    printStartBanner(core);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    console.error("Start-up failed; fix the above and start again.");
    process.exit(1);
  }
}
