"use client";

import { useQuery } from "@tanstack/react-query";
import { ReviewResponseSchema, type ReviewResponse } from "@/lib/contracts/review";
import { apiFetch, isRetryable, type ApiClientError } from "./api-fetch";
import { queryKeys } from "./keys";

/** How often a review of a still-working order is refreshed. */
export const REVIEW_POLL_MS = 2000;

/** `/v1/execution/review/{id}`; the id is a node order id or an order id. */
export function reviewPath(id: string): string {
  return `/v1/execution/review/${encodeURIComponent(id)}`;
}

/**
 * The post-trade review of one order (GET /v1/execution/review/{id}): timeline, fills,
 * benchmark stack, markouts, shortfall breakdown, decision audit and forecast vs realized.
 * While the order is working (`final` is false) the figures cover what is known so far and
 * the review is polled every 2 s; once final it is left alone. A 4xx stops the polling.
 */
export function useReview(id: string | null) {
  return useQuery<ReviewResponse, ApiClientError>({
    queryKey: queryKeys.review(id ?? ""),
    queryFn: ({ signal }) => apiFetch(reviewPath(id ?? ""), ReviewResponseSchema, { signal }),
    enabled: Boolean(id),
    refetchInterval: (query) => {
      if (query.state.data?.final) return false;
      if (query.state.status === "error" && !isRetryable(query.state.error)) return false;
      return REVIEW_POLL_MS;
    },
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}
