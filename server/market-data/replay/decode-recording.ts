/**
 * Picks the decoder for a recording from its first line: a Tardis CSV header names its
 * columns; a Binance hftbacktest line is `<digits> {json}`. Anything else is refused with
 * the file named.
 */
import type { VenueId } from "../types";
import { decodeBinanceRecording } from "./decode-binance-recording";
import { decodeTardisCsv, tardisFormatOf } from "./decode-tardis-csv";
import { ReplayFormatError, type DecodedRecording } from "./replay-event";

export function decodeRecording(lines: readonly string[], path: string, venue?: VenueId): DecodedRecording {
  const first = lines.find((l) => l.trim() !== "") ?? "";
  if (tardisFormatOf(first)) {
    if (venue) throw new ReplayFormatError(path, "a Tardis file names its exchange per row; a venue override does not apply");
    return decodeTardisCsv(lines, path);
  }
  if (/^\d+ \{/.test(first)) return decodeBinanceRecording(lines, { path, venue });
  throw new ReplayFormatError(path, `unrecognised recording format (first line: "${first.slice(0, 80)}")`);
}
