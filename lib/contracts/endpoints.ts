/**
 * The endpoint catalogue: one entry per /v1 route, naming its contracts. The OpenAPI
 * document is generated from this list, so a route without an entry is a visible gap.
 */
import { z } from "zod";
import { HealthResponseSchema } from "./health";
import { DepthQuerySchema, DepthResponseSchema, QuotesQuerySchema, QuotesResponseSchema } from "./market";
import { SessionResponseSchema, SignInBodySchema } from "./session";

export interface EndpointSpec {
  method: "get" | "post" | "delete";
  path: string;
  summary: string;
  description?: string;
  tag: "System" | "Market" | "Session";
  auth: "none" | "key";
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** Success status when not 200. */
  status?: number;
}

export const ENDPOINTS: EndpointSpec[] = [
  {
    method: "get",
    path: "/v1/health",
    summary: "Service health",
    description: "Status, version, uptime, market source and store kind. No authentication.",
    tag: "System",
    auth: "none",
    response: HealthResponseSchema,
  },
  {
    method: "get",
    path: "/v1/quotes",
    summary: "NBBO and per-venue top of book",
    description: "Consolidated best bid/offer and each venue's top of book, with book age and how the books were obtained.",
    tag: "Market",
    auth: "key",
    query: QuotesQuerySchema,
    response: QuotesResponseSchema,
  },
  {
    method: "get",
    path: "/v1/intelligence/depth",
    summary: "Depth within basis-point bands of mid",
    description: "Per venue and consolidated bid/ask quantity and USD notional within each band of the consolidated mid.",
    tag: "Market",
    auth: "key",
    query: DepthQuerySchema,
    response: DepthResponseSchema,
  },
  {
    method: "post",
    path: "/v1/session",
    summary: "Dashboard sign-in",
    description: "Exchanges an API key for an httpOnly session cookie used by the dashboard. The key is not stored in the browser.",
    tag: "Session",
    auth: "none",
    body: SignInBodySchema,
    response: SessionResponseSchema,
  },
  {
    method: "get",
    path: "/v1/session",
    summary: "Who am I",
    description: "The desk, role and key prefix behind the session cookie or Bearer key.",
    tag: "Session",
    auth: "key",
    response: SessionResponseSchema,
  },
  {
    method: "delete",
    path: "/v1/session",
    summary: "Dashboard sign-out",
    description: "Ends the dashboard session and clears its cookie. Always 204.",
    tag: "Session",
    auth: "none",
    response: z.null(),
    status: 204,
  },
];
