/**
 * Version of the cost-distribution model (sweep over recent book states ⊕ normal horizon
 * move, conformal calibration). Every forecast carries it so realized outcomes can later be
 * matched to the model that produced the forecast; bump it when the method changes.
 */
export const COST_MODEL_VERSION = "cost-dist-v1" as const;
export type CostModelVersion = typeof COST_MODEL_VERSION;
