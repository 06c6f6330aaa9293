/**
 * Smart order router. Pure domain code: books, observations, the time and the venue
 * registry come in as arguments; nothing here reads a clock, the network or a store.
 *
 * routeOrder (route-order.ts) makes one decision:
 * 1. Version v1/v2/v3 from the parent order id (router-versions.ts), or pinned.
 * 2. Candidates and exclusion reasons (select-candidates.ts, closed set).
 * 3. Per-venue penalties for the version as named extraBps — adverse selection
 *    (estimate-adverse-selection.ts), reject penalty (estimate-reject-penalty.ts), venue
 *    impact (estimate-venue-impact.ts, v3, second pass).
 * 4. The cost engine's allocateSweep over currentSweepVenues (the same greedy heap sweep the
 *    forecast prices, with min-size drops and lot-residual absorption).
 * 5. The RoutingDecision record (routing-decision.ts) for storage and the decision audit.
 *
 * createSorPlanner adapts it to the simulator's PlanLegs; createSweepPlanner
 * (plan-sweep-legs.ts) is the bare sweep without candidate selection or penalties.
 */
export { createSorPlanner, type SorPlannerContext } from "./create-sor-planner";
export { createSweepPlanner, type SweepPlannerContext } from "./plan-sweep-legs";
export {
  DEFAULT_ADVERSE_SELECTION_PRIOR,
  estimateAdverseSelection,
  type AdverseSelectionEstimate,
  type AdverseSelectionInput,
  type AdverseSelectionOptions,
} from "./estimate-adverse-selection";
export { estimateRejectPenalty, type RejectPenaltyEstimate, type RejectPenaltyInput } from "./estimate-reject-penalty";
export { estimateVenueImpact, type VenueImpactEstimate, type VenueImpactOptions } from "./estimate-venue-impact";
export { depthWithinBps, touchPrice, usableLevels, visibleDepth } from "./measure-book-side";
export { InvalidRouteQuantityError, routeOrder, type RouteOrderInput } from "./route-order";
export {
  addVenueImpact,
  chooseRouterVersion,
  halfSpreadBps,
  PENALTY_TERMS,
  ROUTER_VERSIONS,
  VERSION_TERMS,
  versionHasTerm,
  versionPenalties,
  type PenaltyContext,
  type PenaltyInputs,
  type PenaltyTerm,
  type PenaltyVenue,
  type RouterModelOptions,
  type RouterObservations,
  type RouterVersion,
  type VenuePenalties,
} from "./router-versions";
export {
  DECISION_CANDIDATE_STATUSES,
  decisionId,
  type DecisionCandidate,
  type DecisionCandidateStatus,
  type DecisionLeg,
  type DecisionScoreParts,
  type RoutingDecision,
} from "./routing-decision";
export {
  DEFAULT_STALE_AFTER_MS,
  EXCLUSION_REASONS,
  selectCandidates,
  type CandidateSelection,
  type ExclusionReason,
  type RouteCandidate,
  type SelectCandidatesInput,
  type VenueExclusion,
} from "./select-candidates";
export { defaultVenueRegistry, type RouterVenueRegistry } from "./venue-registry";
