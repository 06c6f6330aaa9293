"use client";

import { useQuery } from "@tanstack/react-query";
import { CalibrationResponseSchema, type CalibrationResponse } from "@/lib/contracts/calibration";
import { apiFetch, isRetryable, type ApiClientError } from "./api-fetch";
import { queryKeys } from "./keys";

/** The desk's forecast calibration by size and policy (GET /v1/execution/calibration); refreshed every 30 s. */
export function useCalibration(days = 30) {
  return useQuery<CalibrationResponse, ApiClientError>({
    queryKey: queryKeys.calibration(days),
    queryFn: ({ signal }) => apiFetch(`/v1/execution/calibration?days=${days}`, CalibrationResponseSchema, { signal }),
    refetchInterval: (query) => (query.state.status === "error" && !isRetryable(query.state.error) ? false : 30_000),
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}
