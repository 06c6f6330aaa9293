"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { z } from "zod";
import { DecisionsResponseSchema, LiveResponseSchema, type LiveResponse } from "@/lib/contracts/live";
import type { OrderStatus } from "@/lib/contracts/orders";
import { apiFetch, isRetryable, type ApiClientError } from "./api-fetch";
import { queryKeys } from "./keys";

export type DecisionsResponse = z.infer<typeof DecisionsResponseSchema>;
export type RoutingDecision = DecisionsResponse["decisions"][number];

/** How the live view is being kept up to date. */
export type LiveTransport =
  /** No order id. */
  | "idle"
  /** The event stream is opening. */
  | "connecting"
  /** Updates arrive over server-sent events. */
  | "stream"
  /** The stream failed: GET every second instead. */
  | "polling"
  /** The order is final; nothing more will change. */
  | "ended";

const FINAL: ReadonlySet<OrderStatus> = new Set(["COMPLETED", "CANCELLED", "REJECTED", "FAILED"]);

export function isFinalStatus(status: OrderStatus): boolean {
  return FINAL.has(status);
}

export const LIVE_POLL_MS = 1000;

export function livePath(nodeOrderId: string): string {
  return `/v1/execution/live/${encodeURIComponent(nodeOrderId)}`;
}

/** The later of two snapshots of the same order (by `as_of_ns`); `b` on a tie. */
export function newerLive(a: LiveResponse | undefined, b: LiveResponse): LiveResponse {
  if (!a) return b;
  try {
    return BigInt(a.as_of_ns) > BigInt(b.as_of_ns) ? a : b;
  } catch {
    return b;
  }
}

/** Parses one server-sent event's data as a LiveResponse; null when it is not one. */
export function parseLiveEvent(data: unknown): LiveResponse | null {
  if (typeof data !== "string") return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = LiveResponseSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

const noSubscribe = () => () => {};

/**
 * One working order as it executes: fills, totals, in-flight TCA, schedule, venue health
 * and advice. Subscribes to `GET /v1/execution/live/{id}/stream` (server-sent events,
 * same-origin so the session cookie authenticates); each `update` event is parsed through
 * `LiveResponseSchema` into the query cache. If the stream fails (or an event does not
 * parse) before the order is final, it falls back to polling `GET /v1/execution/live/{id}`
 * every second; errors then surface as ApiClientError like any query. One plain GET runs
 * at the start either way, so the page has data before the first event.
 */
export function useLiveOrder(nodeOrderId: string | null) {
  const queryClient = useQueryClient();
  const id = nodeOrderId ?? "";
  const canStream = useSyncExternalStore(
    noSubscribe,
    () => typeof EventSource !== "undefined",
    () => true,
  );
  // Both keyed by the order id so switching orders starts over without an effect resetting them.
  const [fallbackFor, setFallbackFor] = useState<string | null>(null);
  const [stream, setStream] = useState<{ id: string; state: "connecting" | "open" | "ended" } | null>(null);
  const polling = id !== "" && (!canStream || fallbackFor === id);

  const query = useQuery<LiveResponse, ApiClientError>({
    queryKey: queryKeys.live(id),
    queryFn: async ({ signal }) => {
      const fresh = await apiFetch(livePath(id), LiveResponseSchema, { signal });
      // A stream event may have landed while this GET was in flight: never go back in time.
      return newerLive(queryClient.getQueryData<LiveResponse>(queryKeys.live(id)), fresh);
    },
    enabled: id !== "",
    refetchInterval: (q) => {
      if (!polling) return false;
      if (q.state.data && isFinalStatus(q.state.data.order.status)) return false;
      if (q.state.status === "error" && !isRetryable(q.state.error)) return false;
      return LIVE_POLL_MS;
    },
    // While streaming, the stream keeps the cache fresh; refocusing must not refetch over it.
    staleTime: polling ? 0 : Infinity,
    refetchOnWindowFocus: polling,
  });

  useEffect(() => {
    if (id === "" || polling) return;
    const key = queryKeys.live(id);
    const current = queryClient.getQueryData<LiveResponse>(key);
    if (current && isFinalStatus(current.order.status)) return;

    const source = new EventSource(`${livePath(id)}/stream`, { withCredentials: true });
    let closed = false;
    const fail = () => {
      if (closed) return;
      closed = true;
      source.close();
      const last = queryClient.getQueryData<LiveResponse>(key);
      if (last && isFinalStatus(last.order.status)) {
        setStream({ id, state: "ended" });
      } else {
        setFallbackFor(id);
        void queryClient.invalidateQueries({ queryKey: key });
      }
    };
    const onUpdate = (event: MessageEvent) => {
      const live = parseLiveEvent(event.data);
      if (!live) {
        fail();
        return;
      }
      const next = newerLive(queryClient.getQueryData<LiveResponse>(key), live);
      queryClient.setQueryData(key, next);
      if (isFinalStatus(next.order.status)) {
        closed = true;
        source.close();
        setStream({ id, state: "ended" });
      } else {
        setStream((s) => (s?.id === id && s.state === "open" ? s : { id, state: "open" }));
      }
    };
    source.addEventListener("update", onUpdate);
    // Unnamed events arrive as "message"; accept them too.
    source.addEventListener("message", onUpdate);
    source.addEventListener("open", () => setStream((s) => (s?.id === id && s.state === "open" ? s : { id, state: "open" })));
    // The server ends the stream once the order is final; the browser reports that as an error.
    source.addEventListener("error", fail);
    return () => {
      closed = true;
      source.close();
    };
  }, [id, polling, queryClient]);

  const final = query.data !== undefined && isFinalStatus(query.data.order.status);
  const transport: LiveTransport =
    id === "" ? "idle" : final ? "ended" : polling ? "polling" : stream?.id === id && stream.state === "open" ? "stream" : "connecting";

  return { ...query, transport };
}

export interface DecisionsParams {
  /** Only this node order's decisions; undefined = the desk's latest. */
  nodeOrderId?: string | undefined;
  /** How many of the most recent decisions, 1–1000. */
  lastN: number;
}

export function decisionsPath(p: DecisionsParams): string {
  const q = new URLSearchParams();
  if (p.nodeOrderId) q.set("node_order_id", p.nodeOrderId);
  q.set("last_n", String(p.lastN));
  return `/v1/execution/decisions?${q.toString()}`;
}

export interface DecisionsOptions {
  /** Poll period in ms (default 5000), or false. */
  refetchInterval?: number | false;
}

/**
 * The router's stored decisions (GET /v1/execution/decisions): candidates with score parts
 * in bps, exclusions with reasons, and the legs sent. Polled every 5 s by default; changing
 * the filter keeps the previous list on screen until the new one arrives.
 */
export function useDecisions(params: DecisionsParams, options: DecisionsOptions = {}) {
  return useQuery<DecisionsResponse, ApiClientError>({
    queryKey: queryKeys.decisions(params),
    queryFn: ({ signal }) => apiFetch(decisionsPath(params), DecisionsResponseSchema, { signal }),
    refetchInterval: (query) => (query.state.status === "error" && !isRetryable(query.state.error) ? false : (options.refetchInterval ?? 5000)),
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
