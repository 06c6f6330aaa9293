/**
 * Builds the replay source from files (MARKET_SOURCE=replay): reads each through the one
 * I/O module, decodes it (format recognised per file from its first line), and hands the
 * decoded events to ReplaySource. Files may mix formats and venues; they are merged by
 * recorded time.
 */
import type { VenueId } from "../types";
import { decodeRecording } from "./decode-recording";
import { readReplayLines } from "./read-replay-file";
import { ReplaySource, type ReplayTimingOptions } from "./replay-source";

export interface ReplayFileInput {
  path: string;
  /** Binance recordings only: the venue, when neither the file name nor the content says. */
  venue?: VenueId;
}

export interface ReplaySourceOptions extends ReplayTimingOptions {
  /** Recording files, plain or gzip: Binance hftbacktest `<ns> <json>` lines or Tardis CSV. */
  files: readonly (string | ReplayFileInput)[];
}

export function createReplaySource(options: ReplaySourceOptions): ReplaySource {
  if (options.files.length === 0) throw new RangeError("the replay source needs at least one file");
  const recordings = options.files.map((f) => {
    const input = typeof f === "string" ? { path: f } : f;
    const rec = decodeRecording(readReplayLines(input.path), input.path, input.venue);
    options.log?.info(`replay: ${input.path}: ${rec.format}, ${rec.events.length} events, ${rec.skipped} skipped`);
    return rec;
  });
  return new ReplaySource(recordings, options);
}
