/**
 * Runs once when `next start` boots: builds the core (validates config, migrates, seeds the
 * demo desk, starts the market source) so the server is ready before its first request,
 * and prints where to go and how to sign in.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getCore } = await import("@/server/core");
  const { printStartBanner } = await import("@/server/print-start-banner");
  try {
    const core = await getCore();
    printStartBanner(core);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    console.error("Start-up failed; fix the above and start again.");
    process.exit(1);
  }
}
