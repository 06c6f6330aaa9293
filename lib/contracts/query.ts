import { z } from "zod";
import { SymbolIdSchema } from "./common";

/**
 * A comma-separated query value (`a,b,c`) parsed as a list, blanks trimmed. In OpenAPI it
 * is an array parameter with `style: form, explode: false`, which is exactly this format.
 */
export function commaList<T extends z.ZodType>(item: T, { min = 1, max = 50 } = {}) {
  return z.preprocess(
    (value) => (typeof value === "string" ? value.split(",").map((p) => p.trim()).filter((p) => p.length > 0) : value),
    z.array(item).min(min, `give at least ${min} value(s)`).max(max, `at most ${max} values`),
  );
}

export const SymbolParam = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(SymbolIdSchema);
