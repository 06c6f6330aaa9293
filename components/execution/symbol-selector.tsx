"use client";

import { cx } from "@/components/ui/cx";

/** Segmented control for the symbol a page focuses on. */
export function SymbolSelector({
  symbols,
  value,
  onChange,
}: {
  symbols: readonly string[];
  value: string;
  onChange: (symbol: string) => void;
}) {
  return (
    <div role="radiogroup" aria-label="Symbol" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 shadow-sm" data-testid="symbol-selector">
      {symbols.map((s) => {
        const selected = s === value;
        return (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={selected}
            data-testid={`symbol-${s}`}
            onClick={() => onChange(s)}
            className={cx(
              "rounded px-2.5 py-1 text-xs font-semibold tracking-wide",
              selected ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
            )}
          >
            {s}
          </button>
        );
      })}
    </div>
  );
}
