import type { Core } from "./core";

/** What a new user needs on first start: the URL, and the demo keys (in full only once). */
export function printStartBanner(core: Core): void {
  const port = process.env.PORT ?? "3000";
  const lines = [
    "",
    `Execution Intelligence ${core.version} — market: ${describeSource(core)}, store: ${core.store.kind}`,
    `Dashboard:  http://localhost:${port}/   API docs: http://localhost:${port}/docs`,
  ];
  if (core.demo.created) {
    lines.push("Demo desk created. Its sandbox keys (shown in full once; `npm run keys -- demo` shows them again):");
    for (const k of core.demo.keys) lines.push(`  ${k.role.padEnd(7)} ${k.key}`);
    const trader = core.demo.keys.find((k) => k.role === "trader");
    if (trader) lines.push(`Try: curl -H "Authorization: Bearer ${trader.key}" "http://localhost:${port}/v1/quotes?symbols=BTC-USD"`);
  } else {
    lines.push("Demo desk keys: `npm run keys -- demo`. New keys: `npm run keys -- create --desk NAME --role trader --sandbox`.");
  }
  console.log(lines.join("\n") + "\n");
}

function describeSource(core: Core): string {
  const { source } = core.market;
  const symbols = source.symbols().join(", ");
  if (source.kind === "simulated") return `simulated (seed ${core.env.MARKET_SEED})`;
  if (source.kind === "replay") {
    const files = source.feedReport?.().replay?.files.length ?? 0;
    return `replay of ${files} recorded file(s) at ${core.env.REPLAY_SPEED}×${core.env.REPLAY_LOOP ? ", looping" : ""} (${symbols})`;
  }
  return `live public feeds from ${[...new Set(source.symbols().flatMap((s) => source.venuesFor(s)))].join(", ")} (${symbols})`;
}
