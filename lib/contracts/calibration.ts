/** Forecast calibration by bucket: the Summary page's calibration panel (GET /v1/execution/calibration). */
import { z } from "zod";

export const CalibrationQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(90).default(30),
});
export type CalibrationQuery = z.output<typeof CalibrationQuerySchema>;

const Proportion = z.object({
  within: z.number().int(),
  share: z.number().nullable().describe("within / orders; null without orders"),
  low: z.number().describe("Wilson 95 % interval"),
  high: z.number(),
});

const Bucket = z.object({
  key: z.string(),
  orders: z.number().int(),
  within_p50: Proportion,
  within_p90: Proportion,
  predicted_p50_mean_bps: z.number().nullable(),
  predicted_p90_mean_bps: z.number().nullable(),
  realized_mean_bps: z.number().nullable(),
  realized_low_bps: z.number().nullable().describe("95 % interval of the mean"),
  realized_high_bps: z.number().nullable(),
  meets_target: z.boolean().nullable().describe("null below min_orders"),
});
export type CalibrationBucketView = z.infer<typeof Bucket>;

export const CalibrationResponseSchema = z.object({
  days: z.number().int(),
  orders: z.number().int().describe("completed orders with a forecast and a realized cost"),
  targets: z.object({
    p50: z.object({ low: z.number(), high: z.number() }),
    p90: z.object({ low: z.number(), high: z.number() }),
    min_orders: z.number().int(),
  }),
  by_size: z.array(Bucket).describe("size as a multiple of the touch at acceptance"),
  by_policy: z.array(Bucket),
  generated_at_ns: z.string(),
});
export type CalibrationResponse = z.infer<typeof CalibrationResponseSchema>;
