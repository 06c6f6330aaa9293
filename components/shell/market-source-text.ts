import type { MarketStatusResponse } from "@/lib/contracts/market-status";
import { formatAge, formatDateTimeNs } from "@/lib/format";

/** The header's one-line answer to "whose numbers are these and how fresh?". */
export function describeSource(status: MarketStatusResponse): { label: string; detail: string; title: string } {
  const running = status.venues.filter((v) => v.books.length > 0);
  const healthy = running.filter((v) => v.state === "ok").length;
  const fresh = status.freshest_age_ms === null ? "no books yet" : `freshest ${formatAge(status.freshest_age_ms)}`;
  const venues = `${healthy}/${running.length} venues ok`;
  const lines = running.map((v) => `${v.name} (${v.market_type}, ${v.quote}): ${v.state}${v.gaps ? `, ${v.gaps} gaps` : ""}`);
  if (status.source === "replay" && status.replay) {
    const r = status.replay;
    const at = formatDateTimeNs(r.recorded_at_ns);
    const pass = r.finished ? "finished" : `${Math.round(r.progress * 100)}%${r.loops ? `, pass ${r.loops + 1}` : ""}`;
    return {
      label: "replay",
      detail: `recorded ${at} · ${r.speed}× · ${pass} · ${fresh}`,
      title: [`Replaying ${r.files.length} recorded file(s) at ${r.speed}× (${r.loop ? "looping" : "once"})`, ...r.files.map((f) => `${f.path} (${f.format})`), ...lines].join("\n"),
    };
  }
  return {
    label: status.source,
    detail: `${venues} · ${fresh}`,
    title: [`${status.source} market: ${venues}; books older than ${formatAge(status.stale_after_ms)} count as stale`, ...lines].join("\n"),
  };
}
