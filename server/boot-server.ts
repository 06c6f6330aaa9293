import { getCore } from "./core";
import { printStartBanner } from "./print-start-banner";

/**
 * Builds the core (validates config, migrates, seeds the demo desk, starts the market
 * source) and prints where to go. A failure here stops the process: a server that cannot
 * read its configuration or reach its store should not pretend to be up.
 */
export async function bootServer(): Promise<void> {
  try {
    printStartBanner(await getCore());
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    console.error("Start-up failed; fix the above and start again.");
    process.exit(1);
  }
}
