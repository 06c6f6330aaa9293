"use client";

import { useQuery } from "@tanstack/react-query";
import { HealthResponseSchema, type HealthResponse } from "@/lib/contracts/health";
import { apiFetch, type ApiClientError } from "./api-fetch";
import { queryKeys } from "./keys";

/**
 * Service status, version, market source and store health (GET /v1/health, no auth).
 * A 503 carries the same body (status "down"), so it is data here, not an error.
 */
export function useHealth(options: { refetchInterval?: number | false } = {}) {
  return useQuery<HealthResponse, ApiClientError>({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => apiFetch("/v1/health", HealthResponseSchema, { signal, acceptStatuses: [503] }),
    refetchInterval: options.refetchInterval ?? 15_000,
    staleTime: 10_000,
  });
}
