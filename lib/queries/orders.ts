"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import type { z } from "zod";
import {
  KillSwitchResponseSchema,
  KillSwitchStateSchema,
  type KillSwitchState,
  OrderListResponseSchema,
  OrderResponseSchema,
  PreviewResponseSchema,
  type GraphOrderBody,
  type OrderStatus,
  type PreviewResponse,
  type SimpleOrderBody,
} from "@/lib/contracts/orders";
import { apiFetch, isRetryable, type ApiClientError } from "./api-fetch";
import { queryKeys } from "./keys";

export type OrderResponse = z.infer<typeof OrderResponseSchema>;
export type OrderListResponse = z.infer<typeof OrderListResponseSchema>;
export type KillSwitchResponse = z.infer<typeof KillSwitchResponseSchema>;
/** What POST /v1/orders accepts: a simple order or a graph (a paced order is a one-node graph). */
export type OrderBody = SimpleOrderBody | GraphOrderBody;

/** Blotter filters (GET /v1/orders query); dates are YYYY-MM-DD. */
export interface OrderFilters {
  status?: OrderStatus | undefined;
  symbol?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Page size, 1–200 (default 50). */
  limit?: number | undefined;
}

/** `/v1/orders?…` for these filters and page cursor. */
export function ordersPath(filters: OrderFilters, cursor?: string | null): string {
  const q = new URLSearchParams();
  if (filters.status) q.set("status", filters.status);
  if (filters.symbol) q.set("symbol", filters.symbol);
  if (filters.from) q.set("from", filters.from);
  if (filters.to) q.set("to", filters.to);
  q.set("limit", String(filters.limit ?? 50));
  if (cursor) q.set("cursor", cursor);
  return `/v1/orders?${q.toString()}`;
}

export interface OrdersOptions {
  /** Poll period in ms (default 2000), or false. */
  refetchInterval?: number | false;
  enabled?: boolean;
}

/**
 * The desk's orders, newest first (GET /v1/orders), polled every 2 s. Paged by
 * `next_cursor`: `data.pages` holds every loaded page, `fetchNextPage()` loads more and
 * `hasNextPage` says whether there is more. A poll refetches each loaded page in turn,
 * re-deriving the cursors from the fresh pages.
 */
export function useOrders(filters: OrderFilters = {}, options: OrdersOptions = {}) {
  return useInfiniteQuery<OrderListResponse, ApiClientError, InfiniteData<OrderListResponse, string | null>, readonly unknown[], string | null>({
    queryKey: queryKeys.orders(filters),
    queryFn: ({ signal, pageParam }) => apiFetch(ordersPath(filters, pageParam), OrderListResponseSchema, { signal }),
    initialPageParam: null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: options.enabled ?? true,
    refetchInterval: (query) =>
      query.state.status === "error" && !isRetryable(query.state.error) ? false : (options.refetchInterval ?? 2000),
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** One order with its node and slice orders (GET /v1/orders/{order_id}); polled every 2 s while it is working. */
export function useOrder(orderId: string | null, options: OrdersOptions = {}) {
  return useQuery<OrderResponse, ApiClientError>({
    queryKey: queryKeys.order(orderId ?? ""),
    queryFn: ({ signal }) => apiFetch(`/v1/orders/${encodeURIComponent(orderId ?? "")}`, OrderResponseSchema, { signal }),
    enabled: (options.enabled ?? true) && Boolean(orderId),
    refetchInterval: (query) => {
      const status = query.state.data?.order.status;
      if (status && !WORKING.has(status)) return false;
      if (query.state.status === "error" && !isRetryable(query.state.error)) return false;
      return options.refetchInterval ?? 2000;
    },
    staleTime: 0,
  });
}

const WORKING = new Set<OrderStatus>(["ACCEPTED", "RUNNING", "PAUSED"]);

/**
 * Places an order (POST /v1/orders → 201). Failures arrive as ApiClientError from the
 * envelope: 409 CONFLICT (kill switch engaged, or the client_request_id reused with a
 * different body), 403 for viewers, 422 with field details.
 */
export function useCreateOrder() {
  const queryClient = useQueryClient();
  return useMutation<OrderResponse, ApiClientError, OrderBody>({
    mutationFn: (body) => apiFetch("/v1/orders", OrderResponseSchema, { method: "POST", body }),
    onSuccess: (response) => {
      queryClient.setQueryData(queryKeys.order(response.order.order_id), response);
      void queryClient.invalidateQueries({ queryKey: queryKeys.ordersAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.decisionsAll });
    },
  });
}

/** Cancels a working order (POST /v1/orders/{order_id}/cancel); answers the order as it now stands. */
export function useCancelOrder() {
  return useOrderAction("cancel");
}

/** Cancel, pause or resume a working order (POST /v1/orders/{order_id}/{action}). */
export function useOrderAction(action: "cancel" | "pause" | "resume") {
  const queryClient = useQueryClient();
  return useMutation<OrderResponse, ApiClientError, { orderId: string }>({
    mutationFn: ({ orderId }) =>
      apiFetch(`/v1/orders/${encodeURIComponent(orderId)}/${action}`, OrderResponseSchema, { method: "POST", body: {} }),
    onSuccess: (response) => {
      queryClient.setQueryData(queryKeys.order(response.order.order_id), response);
      void queryClient.invalidateQueries({ queryKey: queryKeys.ordersAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.live(response.order.node_order_id) });
    },
  });
}

/** Engages or releases the desk's kill switch (POST /v1/kill_switch); the stored state is then re-read. */
export function useKillSwitch() {
  const queryClient = useQueryClient();
  return useMutation<KillSwitchResponse, ApiClientError, { action: "engage" | "release"; reason?: string }>({
    mutationFn: (body) => apiFetch("/v1/kill_switch", KillSwitchResponseSchema, { method: "POST", body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.killSwitch });
      void queryClient.invalidateQueries({ queryKey: queryKeys.ordersAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.liveAll });
    },
  });
}

/** The desk's kill switch as stored (GET /v1/kill_switch), re-read every 10 s: another trader may change it. */
export function useKillSwitchState() {
  return useQuery<KillSwitchState, ApiClientError>({
    queryKey: queryKeys.killSwitch,
    queryFn: ({ signal }) => apiFetch("/v1/kill_switch", KillSwitchStateSchema, { signal }),
    refetchInterval: 10_000,
    staleTime: 0,
  });
}

export interface PreviewOptions {
  /** Re-check period in ms while the page is visible, or false (default 5000). */
  refetchInterval?: number | false;
}

/**
 * Routing plan, estimated cost and the pre-trade checks for an order body, without placing
 * it (POST /v1/orders/preview). Disabled while `body` is null. Re-checks every 5 s (books
 * move); a changed body keeps the previous answer on screen (`isPlaceholderData`) until the
 * new one arrives. A 4xx stops the polling until the body changes.
 */
export function usePreview(body: SimpleOrderBody | null, options: PreviewOptions = {}) {
  return useQuery<PreviewResponse, ApiClientError>({
    queryKey: body ? queryKeys.preview(body) : queryKeys.previewAll,
    queryFn: ({ signal }) => {
      if (!body) throw new Error("usePreview: no body");
      return apiFetch("/v1/orders/preview", PreviewResponseSchema, { method: "POST", body, signal });
    },
    enabled: body !== null,
    refetchInterval: (query) => (query.state.status === "error" && !isRetryable(query.state.error) ? false : (options.refetchInterval ?? 5000)),
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
