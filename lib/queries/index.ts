export { ApiClientError, apiFetch, apiFetchNoContent, isApiClientError, isRetryable, isUnauthorized } from "./api-fetch";
export type { ApiClientErrorCode, ApiFetchInit } from "./api-fetch";
export { queryKeys } from "./keys";
export { useSession, useSignIn, useSignOut } from "./session";
export { useQuotes, useDepth, type PollOptions } from "./market";
export { useHealth } from "./health";
export { universeOf, useMarketStatus, useMarketUniverse, type MarketUniverse } from "./market-status";
export { forecastPath, simulationPath, useForecast, useSimulation, type ForecastOptions, type ForecastParams, type SimulationParams } from "./pretrade";
export { useStickyError } from "./use-sticky-error";
export {
  ordersPath,
  useCancelOrder,
  useCreateOrder,
  useKillSwitch,
  useKillSwitchState,
  useOrderAction,
  useOrder,
  useOrders,
  usePreview,
  type KillSwitchResponse,
  type OrderBody,
  type OrderFilters,
  type OrderListResponse,
  type OrderResponse,
  type OrdersOptions,
  type PreviewOptions,
} from "./orders";
export {
  decisionsPath,
  isFinalStatus,
  LIVE_POLL_MS,
  livePath,
  newerLive,
  parseLiveEvent,
  useDecisions,
  useLiveOrder,
  type DecisionsOptions,
  type DecisionsParams,
  type DecisionsResponse,
  type LiveTransport,
  type RoutingDecision,
} from "./live";
export { REVIEW_POLL_MS, reviewPath, useReview } from "./review";
export { summaryCsvUrl, summaryPath, useSummary, type SummaryFilters, type SummaryOptions } from "./summary";
