"use client";

import Link from "next/link";
import { useMarketStatus } from "@/lib/queries/market-status";
import { cx } from "@/components/ui/cx";
import { describeSource } from "./market-source-text";

const DOT = { ok: "bg-emerald-400", degraded: "bg-amber-400", down: "bg-rose-500" } as const;

/** Which market source the numbers on every page come from, and how fresh its books are. */
export function MarketIndicator() {
  const status = useMarketStatus();
  if (!status.data) {
    return (
      <span className="text-slate-400" data-testid="market-indicator" data-status={status.isError ? "unreachable" : "loading"}>
        market {status.isError ? "unreachable" : "…"}
      </span>
    );
  }
  const text = describeSource(status.data);
  return (
    <Link
      href="/markets#feeds"
      className="flex items-center gap-1.5 rounded px-1 text-slate-300 hover:bg-slate-800"
      data-testid="market-indicator"
      data-source={status.data.source}
      data-status={status.data.status}
      title={text.title}
    >
      <span aria-hidden className={cx("size-2 rounded-full", DOT[status.data.status])} />
      <span className={cx("rounded px-1 font-semibold uppercase tracking-wide", status.data.source === "simulated" ? "bg-slate-700 text-slate-100" : status.data.source === "replay" ? "bg-sky-700 text-white" : "bg-emerald-700 text-white")}>
        {text.label}
      </span>
      <span className="num hidden md:inline" data-testid="market-indicator-detail">
        {text.detail}
      </span>
    </Link>
  );
}
