"use client";

import { useState } from "react";

/**
 * The error to show for a polled query. react-query clears `error` (back to "pending")
 * each time a query that never succeeded fetches again, so a polled query that keeps
 * failing would flicker between its error and its loading state. This keeps the last
 * error until data arrives or `scope` (e.g. the symbol) changes. With data, the query's
 * own error (a failed refetch) is used.
 */
export function useStickyError<E>(error: E | null, hasData: boolean, scope = ""): E | null {
  const [last, setLast] = useState<{ scope: string; error: E } | null>(null);
  // Adjusting state while rendering: React's pattern for values derived from earlier renders.
  if (error !== null && (last?.error !== error || last.scope !== scope)) setLast({ scope, error });
  if (error === null && last !== null && (hasData || last.scope !== scope)) setLast(null);
  if (error !== null) return error;
  return !hasData && last?.scope === scope ? last.error : null;
}
