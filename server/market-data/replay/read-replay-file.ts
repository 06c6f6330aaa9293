/**
 * The replay's only file I/O: a recording's text, gunzipped when it is gzip (by magic
 * bytes, not the name, so a mis-named file still reads), split into lines.
 *
 * Whole files are read into memory: the recordings this serves (hftbacktest samples,
 * ~50-100k lines, tens of MB as text) fit easily and a synchronous read keeps the decoders
 * pure functions over an array of lines. Multi-GB Tardis days would want a streaming
 * reader feeding the same decoders chunk by chunk; not needed for the samples here.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

export function readReplayLines(path: string): string[] {
  const raw = readFileSync(path);
  const isGzip = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  const text = (isGzip ? gunzipSync(raw) : raw).toString("utf8");
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.endsWith("\r")) lines[i] = l.slice(0, -1);
  }
  return lines;
}
