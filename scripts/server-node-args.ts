/**
 * Node flags for the `next start` a bench, the soak or the fault suite spawns, from
 * SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" or "--trace-gc"): Node
 * refuses profiling flags in NODE_OPTIONS, so they go on the command line.
 */
export function serverNodeArgs(): string[] {
  const raw = process.env.SERVER_NODE_ARGS?.trim();
  return raw ? raw.split(/\s+/) : [];
}
