export { ApiClientError, apiFetch, apiFetchNoContent, isApiClientError, isRetryable, isUnauthorized } from "./api-fetch";
export type { ApiClientErrorCode, ApiFetchInit } from "./api-fetch";
export { queryKeys } from "./keys";
export { useSession, useSignIn, useSignOut } from "./session";
export { useQuotes, useDepth, type PollOptions } from "./market";
export { useHealth } from "./health";
export { forecastPath, simulationPath, useForecast, useSimulation, type ForecastOptions, type ForecastParams, type SimulationParams } from "./pretrade";
export { useStickyError } from "./use-sticky-error";
