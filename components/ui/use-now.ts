"use client";

import { useEffect, useState } from "react";

/** Wall-clock ms, re-rendering every `intervalMs`; for "updated 1.2 s ago" labels. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
