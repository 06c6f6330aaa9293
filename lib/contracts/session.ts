import { z } from "zod";
import { RoleSchema } from "./common";

export const SignInBodySchema = z.strictObject({
  key: z.string().min(1, "paste an API key"),
});

export const SessionResponseSchema = z
  .object({
    desk: z.object({ id: z.string(), name: z.string() }),
    role: RoleSchema,
    sandbox: z.boolean(),
    key_prefix: z.string(),
  })
  .meta({ id: "Session" });
export type SessionResponse = z.infer<typeof SessionResponseSchema>;
