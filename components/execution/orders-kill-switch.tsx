"use client";

import { useState } from "react";
import { useKillSwitch, useKillSwitchState } from "@/lib/queries/orders";
import { formatTimeNs } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { ErrorState } from "@/components/ui/states";

type Action = "engage" | "release";

const CONFIRM_TEXT: Record<Action, string> = {
  engage: "Cancel every working order of the desk and refuse new ones until released?",
  release: "Allow the desk to place orders again?",
};

/**
 * The desk kill switch: engage (cancel all working orders, refuse new ones) or release,
 * each behind a confirm step. The state is the stored one (GET /v1/kill_switch), so a
 * change made by another trader or instance shows here within seconds.
 */
export function KillSwitchControl({ canTrade }: { canTrade: boolean }) {
  const stored = useKillSwitchState();
  const kill = useKillSwitch();
  const [confirming, setConfirming] = useState<Action | null>(null);

  const known = stored.data;
  const state = !known ? "unknown" : known.engaged ? "engaged" : "released";
  // The count of orders the last engage from here cancelled, while that is still the state.
  const cancelled = kill.data?.engaged && known?.engaged ? kill.data.cancelled_orders : 0;

  return (
    <div
      data-testid="kill-switch"
      data-state={state}
      className={cx(
        "flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md border px-3 py-1.5 shadow-sm",
        state === "engaged" ? "border-rose-300 bg-rose-50" : "border-slate-200 bg-white",
      )}
    >
      <div className="flex items-center gap-2 text-xs">
        <span className="font-semibold uppercase tracking-wide text-slate-600">Kill switch</span>
        {state === "engaged" ? (
          <Badge tone="red" testId="kill-switch-state" className="font-semibold">
            ENGAGED
          </Badge>
        ) : state === "released" ? (
          <Badge tone="green" testId="kill-switch-state">
            released
          </Badge>
        ) : (
          <Badge tone="neutral" testId="kill-switch-state" title={stored.isError ? "Could not read the kill switch" : "Reading the kill switch…"}>
            {stored.isError ? "state unknown" : "…"}
          </Badge>
        )}
        {known && (
          <span className="num text-[11px] text-slate-500" data-testid="kill-switch-changed">
            {known.changed_at_ns === null ? "never changed" : `since ${formatTimeNs(known.changed_at_ns)}`}
            {cancelled > 0 ? ` · ${cancelled} order${cancelled === 1 ? "" : "s"} cancelled` : ""}
          </span>
        )}
      </div>

      {confirming ? (
        <div className="flex flex-wrap items-center gap-2 text-xs" role="group" aria-label="Confirm kill switch">
          <span className={cx("font-medium", confirming === "engage" ? "text-rose-800" : "text-slate-700")}>{CONFIRM_TEXT[confirming]}</span>
          <button
            type="button"
            data-testid={`kill-switch-confirm-${confirming}`}
            disabled={kill.isPending}
            onClick={() => kill.mutate({ action: confirming }, { onSettled: () => setConfirming(null) })}
            className={cx(
              "rounded px-2.5 py-1 font-semibold text-white shadow-sm disabled:opacity-50",
              confirming === "engage" ? "bg-rose-600 hover:bg-rose-700" : "bg-slate-900 hover:bg-slate-800",
            )}
          >
            {kill.isPending ? "Working…" : confirming === "engage" ? "Yes, engage" : "Yes, release"}
          </button>
          <button
            type="button"
            data-testid="kill-switch-cancel"
            disabled={kill.isPending}
            onClick={() => setConfirming(null)}
            className="rounded border border-slate-300 bg-white px-2.5 py-1 font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
          >
            Keep as is
          </button>
        </div>
      ) : (
        <div className="flex items-center gap-2 text-xs">
          <button
            type="button"
            data-testid="kill-switch-engage"
            disabled={!canTrade || state === "engaged"}
            title={canTrade ? "Cancel all working orders and block new ones" : "Your key's role cannot change the kill switch"}
            onClick={() => {
              kill.reset();
              setConfirming("engage");
            }}
            className="rounded border border-rose-300 bg-white px-2.5 py-1 font-semibold text-rose-700 hover:bg-rose-50 disabled:cursor-not-allowed disabled:opacity-50"
          >
            Engage…
          </button>
          <button
            type="button"
            data-testid="kill-switch-release"
            disabled={!canTrade || state === "released"}
            title={canTrade ? "Allow orders again" : "Your key's role cannot change the kill switch"}
            onClick={() => {
              kill.reset();
              setConfirming("release");
            }}
            className="rounded border border-slate-300 bg-white px-2.5 py-1 font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
          >
            Release…
          </button>
        </div>
      )}
      {kill.isError && <ErrorState error={kill.error} title="The kill switch did not change" compact className="w-full" scope="kill-switch" />}
    </div>
  );
}
