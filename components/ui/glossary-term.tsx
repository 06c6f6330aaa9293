import type { ReactNode } from "react";
import { GLOSSARY, type GlossaryTerm as Term } from "@/lib/execution-figures";

/**
 * A figure's label with its one definition (lib/execution-figures.ts) as the tooltip, so
 * every page explains "arrival", "realized cost" and the rest in the same words.
 */
export function GlossaryTerm({ term, children }: { term: Term; children?: ReactNode }) {
  const g = GLOSSARY[term];
  return (
    <span title={g.definition} data-glossary={term} className="cursor-help underline decoration-slate-300 decoration-dotted underline-offset-2">
      {children ?? g.label}
    </span>
  );
}
