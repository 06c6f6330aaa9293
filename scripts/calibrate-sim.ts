/**
 * Measures a recorded Binance stream and prints the figures the simulated market is
 * calibrated to (server/market-data/sim-calibration.ts holds the result as constants).
 *
 *   npx tsx scripts/calibrate-sim.ts [file.gz] [--json]
 *
 * Default file: recordings/binance-spot_btcusdt_20240808.gz (relative to
 * the repository root). The statistics live in server/market-data/calibrate-from-recording.ts;
 * this script only streams the file in.
 */
import { createReadStream } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { createRecordingCalibrator, type RecordingCalibration } from "@/server/market-data/calibrate-from-recording";

const repoRoot = resolve(__dirname, "..");
const DEFAULT_FILE = resolve(repoRoot, "recordings/binance-spot_btcusdt_20240808.gz");

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const file = args.find((a) => !a.startsWith("--")) ?? DEFAULT_FILE;
  const calibrator = createRecordingCalibrator();
  const input = createReadStream(file);
  const lines = createInterface({ input: file.endsWith(".gz") ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  for await (const line of lines) calibrator.push(line);
  const r = calibrator.result();
  if (json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  } else {
    process.stdout.write(formatReport(file, r));
  }
  if (r.sync.gaps > 0 || r.sync.crossed > 0) {
    process.stderr.write(`book sync failed: ${r.sync.gaps} gaps, ${r.sync.crossed} crossed\n`);
    process.exitCode = 1;
  }
}

const f = (x: number, digits = 4) => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));

function formatReport(file: string, r: RecordingCalibration): string {
  const out: string[] = [];
  out.push(`file: ${file}`);
  out.push(
    `messages: ${r.source.lines} (${r.source.bookTickers} bookTicker, ${r.source.depthDiffs} depth, ${r.source.trades} trades, ${r.source.snapshots} snapshot, ${r.source.unparsed} unparsed) over ${f(r.source.durationS)} s`,
  );
  out.push(
    `sync: ${r.sync.bufferedBeforeSnapshot} buffered before snapshot, ${r.sync.applied} applied, ${r.sync.stale} stale dropped, ${r.sync.gaps} gaps, ${r.sync.crossed} crossed`,
  );
  out.push(`mid: first ${f(r.mid.first, 8)}, last ${f(r.mid.last, 8)}, mean ${f(r.mid.mean, 8)}`);
  out.push("");
  out.push("quoted spread (bps)      median    mean   samples");
  out.push(`  bookTicker           ${f(r.spread.fromBookTicker.medianBps).padStart(8)} ${f(r.spread.fromBookTicker.meanBps).padStart(7)} ${String(r.spread.fromBookTicker.samples).padStart(9)}`);
  out.push(`  rebuilt book         ${f(r.spread.fromBook.medianBps).padStart(8)} ${f(r.spread.fromBook.meanBps).padStart(7)} ${String(r.spread.fromBook.samples).padStart(9)}`);
  out.push(`top of book qty (median): bid ${f(r.topOfBook.medianBidQty)}, ask ${f(r.topOfBook.medianAskQty)}`);
  out.push("");
  out.push(
    `depth within band of mid, median over samples (${r.depth.samples} taken; a band counts only while inside the snapshot's reach, min bid ${f(r.depth.coverageBps.bid)} / ask ${f(r.depth.coverageBps.ask)} bps)`,
  );
  out.push("  bps   bid qty     bid USD   levels  n |  ask qty     ask USD   levels  n");
  r.depth.bandsBps.forEach((b, i) => {
    const cell = (d: typeof r.depth.bid) =>
      `${f(d.qty[i] ?? NaN).padStart(8)} ${f(d.usd[i] ?? NaN, 6).padStart(11)} ${f(d.levels[i] ?? NaN).padStart(8)} ${String(d.samples[i] ?? 0).padStart(3)}`;
    out.push(`  ${String(b).padStart(3)} ${cell(r.depth.bid)} | ${cell(r.depth.ask)}`);
  });
  out.push("");
  out.push(
    `trades: ${r.trades.count}, ${f(r.trades.perSecond)}/s, mean ${f(r.trades.meanQty)} (${f(r.trades.meanNotional)} USD), max ${f(r.trades.maxQty)}, buy share ${f(r.trades.buyShare)}, Hill tail index ${f(r.trades.tailIndex)}`,
  );
  out.push(`  size quantiles: ${Object.entries(r.trades.quantiles).map(([k, v]) => `${k} ${f(v)}`).join(", ")}`);
  out.push(
    `volatility: ${r.volatility.samples} ${r.volatility.intervalS}s log returns, sigma ${f(r.volatility.sigmaPerSecond)}/s = ${f(r.volatility.sigmaPerSecond * 1e4)} bps/s, annualized ${f(r.volatility.sigmaAnnualized)}`,
  );
  return `${out.join("\n")}\n`;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
