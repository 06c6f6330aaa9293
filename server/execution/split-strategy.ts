/**
 * Split: passive for the first part of the horizon (earning the spread and the maker fee
 * where the flow allows), then cancel what rests and take the residual aggressively with
 * time left for re-sweeps before the horizon ends.
 */
import { createResidualSweeper, type AggressiveOptions } from "./aggressive-strategy";
import { createPassiveController, type PassiveOptions } from "./passive-strategy";
import type { ExecutionStrategy } from "./strategy";
import type { PlanLegs } from "./types";

export interface SplitOptions extends PassiveOptions, AggressiveOptions {
  /** Share of the horizon spent passive (default 0.5). */
  passiveFraction?: number;
}

export const DEFAULT_SPLIT_PASSIVE_FRACTION = 0.5;

export function createSplitStrategy(planLegs: PlanLegs, options: SplitOptions = {}): ExecutionStrategy {
  const fraction = Math.min(1, Math.max(0, options.passiveFraction ?? DEFAULT_SPLIT_PASSIVE_FRACTION));
  const passive = createPassiveController(options);
  const sweep = createResidualSweeper(planLegs, options);
  let switched = false;
  return {
    name: "split",
    takesLiquidity: true,
    step(ctx) {
      const switchAtMs = ctx.startMs + fraction * (ctx.deadlineMs - ctx.startMs);
      if (!switched && ctx.nowMs < switchAtMs) {
        passive.step(ctx);
        return;
      }
      if (!switched) {
        switched = true;
        for (const child of ctx.progress.openChildren()) if (!child.cancelRequested) ctx.cancel(child.order.id);
      }
      // The sweeper waits while children are open: the passive cancels (or last fills) land first.
      sweep(ctx);
    },
  };
}
