"use client";

import { useQuery } from "@tanstack/react-query";
import { HealthResponseSchema, type HealthResponse } from "@/lib/contracts/health";
import { apiFetch, type ApiClientError } from "./api-fetch";
import { queryKeys } from "./keys";

/** Service status, version and market source (GET /v1/health, no auth). */
export function useHealth(options: { refetchInterval?: number | false } = {}) {
  return useQuery<HealthResponse, ApiClientError>({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => apiFetch("/v1/health", HealthResponseSchema, { signal }),
    refetchInterval: options.refetchInterval ?? 15_000,
    staleTime: 10_000,
  });
}
