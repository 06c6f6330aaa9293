"use client";

import type { ForecastResponse } from "@/lib/contracts/pretrade";
import { formatBps } from "@/lib/format";
import { axisPct, COST_PART_LABEL, COST_PARTS, formatQtyCompact, landedCostBars } from "@/components/execution/forecast-math";
import { cx } from "@/components/ui/cx";
import { VENUE_COLORS } from "./venue-colors";
import { COST_PART_COLORS } from "./chart-theme";

const ROW = "grid grid-cols-[7.5rem_minmax(0,1fr)_4.5rem] items-center gap-x-2";

/**
 * One horizontal bar per venue (rank order) splitting its landed cost into book walk, taker
 * fee, latency risk and staleness. Parts are stacked by sign from a shared zero line —
 * costs to the right, rebates and better-than-mid fills to the left — and a black tick
 * marks the net landed cost, so bars with cancelling parts still read correctly.
 */
export function LandedCostBars({ venues }: { venues: ForecastResponse["venues"] }) {
  const data = landedCostBars(venues);
  const pct = (x: number) => axisPct(x, data.min, data.max);
  const zero = pct(0);

  return (
    <div data-testid="landed-cost-bars" className="text-xs">
      <ul className="mb-2 flex flex-wrap gap-x-3 gap-y-1 text-[11px] text-slate-600">
        {COST_PARTS.map((p) => (
          <li key={p} className="flex items-center gap-1">
            <span aria-hidden className="inline-block size-2.5 rounded-sm" style={{ background: COST_PART_COLORS[p] }} />
            {COST_PART_LABEL[p]}
          </li>
        ))}
        <li className="flex items-center gap-1">
          <span aria-hidden className="inline-block h-3 w-0.5 bg-slate-900" />
          net landed
        </li>
      </ul>
      <div className="space-y-1.5">
        {data.bars.map((bar) => (
          <div key={bar.venue} className={ROW} data-testid={`landed-cost-bar-${bar.venue}`}>
            <div className="flex min-w-0 items-center gap-1.5">
              <span className="num w-4 text-right text-[11px] text-slate-400">{bar.rank}</span>
              <span aria-hidden className="inline-block size-2 shrink-0 rounded-sm" style={{ background: VENUE_COLORS[bar.venue] }} />
              <span className={cx("truncate font-medium", bar.rank === 1 ? "text-slate-900" : "text-slate-700")}>{bar.venue}</span>
            </div>
            <div
              className="relative h-4 rounded-sm bg-slate-50"
              role="img"
              aria-label={`${bar.venue}: landed ${formatBps(bar.landed)} = ${bar.segments.map((s) => `${COST_PART_LABEL[s.part]} ${formatBps(s.value)}`).join(" + ") || "0"}`}
            >
              {bar.segments.map((s) => (
                <div
                  key={s.part}
                  title={`${COST_PART_LABEL[s.part]}: ${formatBps(s.value)}`}
                  data-part={s.part}
                  className={cx("absolute inset-y-0.5", s.value < 0 && "opacity-80")}
                  style={{
                    left: `${pct(s.start)}%`,
                    width: `max(1px, ${pct(s.end) - pct(s.start)}%)`,
                    background: COST_PART_COLORS[s.part],
                    backgroundImage: s.value < 0 ? "repeating-linear-gradient(135deg, rgba(255,255,255,.45) 0 2px, transparent 2px 5px)" : undefined,
                  }}
                />
              ))}
              <div aria-hidden className="absolute inset-y-0 w-px bg-slate-400" style={{ left: `${zero}%` }} />
              <div
                aria-hidden
                title={`Net landed cost: ${formatBps(bar.landed)}`}
                className="absolute -inset-y-0.5 w-0.5 -translate-x-1/2 bg-slate-900"
                style={{ left: `${pct(bar.landed)}%` }}
              />
            </div>
            <div className="num text-right font-medium text-slate-800">{formatBps(bar.landed, { unit: false })}</div>
          </div>
        ))}
        <div className={ROW}>
        <div />
        <div className="num relative h-4 text-[10px] text-slate-400">
          {data.ticks.map((t) => (
            <span key={t} className="absolute top-0 -translate-x-1/2" style={{ left: `${pct(t)}%` }}>
              {formatQtyCompact(t)}
            </span>
          ))}
        </div>
        <div className="text-right text-[10px] text-slate-400">bps</div>
        </div>
      </div>
    </div>
  );
}
