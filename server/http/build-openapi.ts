import { z } from "zod";
import { ENDPOINTS, type EndpointSpec } from "@/lib/contracts/endpoints";
import { ERROR_STATUS, ErrorEnvelopeSchema } from "@/lib/contracts/errors";

type JsonSchema = Record<string, unknown>;

/** OpenAPI 3.1 (JSON Schema 2020-12) generated from the same zod contracts the routes use. */
export function buildOpenApi(version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const ep of ENDPOINTS) {
    (paths[ep.path] ??= {})[ep.method] = operation(ep);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Execution Intelligence API",
      version,
      description:
        "Pre-trade cost forecasts, smart order routing, live monitoring and post-trade TCA for crypto desks. " +
        "Units: `_1e8` quantities and `_1e9` prices/USD are integers, `_bps` costs, `_ns` timestamps as decimal strings, `_ms` durations; no suffix = human float.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "seq_live_… or seq_test_… followed by 64 hex characters" },
      },
      schemas: { ErrorEnvelope: toSchema(ErrorEnvelopeSchema, "output") },
    },
    paths,
  };
}

function operation(ep: EndpointSpec): JsonSchema {
  const errorRef = { $ref: "#/components/schemas/ErrorEnvelope" };
  const errorCodes = ep.auth === "key" ? [400, 401, 403, 422, 429, 500, 503] : [400, 422, 500, 503];
  const responses: Record<string, unknown> = {
    [String(ep.status ?? 200)]:
      ep.status === 204
        ? { description: "No content" }
        : { description: "OK", content: { [ep.stream ? "text/event-stream" : "application/json"]: { schema: toSchema(ep.response, "output") } } },
  };
  for (const status of errorCodes) {
    const codes = Object.entries(ERROR_STATUS)
      .filter(([, s]) => s === status)
      .map(([c]) => c);
    responses[String(status)] = { description: codes.join(" or "), content: { "application/json": { schema: errorRef } } };
  }
  if (ep.responseAlso) {
    responses[String(ep.responseAlso.status)] = {
      description: ep.responseAlso.description,
      content: { "application/json": { schema: { anyOf: [toSchema(ep.response, "output"), errorRef] } } },
    };
  }
  return {
    summary: ep.summary,
    ...(ep.description ? { description: ep.description } : {}),
    tags: [ep.tag],
    operationId: `${ep.method}${ep.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    ...(ep.auth === "key" ? { security: [{ bearer: [] }] } : { security: [] }),
    parameters: [
      { name: "X-Request-Id", in: "header", required: false, schema: { type: "string", maxLength: 128 } },
      ...(ep.pathParams ?? []).map((p) => ({ name: p.name, in: "path", required: true, description: p.description, schema: { type: "string" } })),
      ...queryParameters(ep),
    ],
    ...(ep.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(ep.body, "input") } } } } : {}),
    responses,
  };
}

function queryParameters(ep: EndpointSpec): JsonSchema[] {
  if (!ep.query) return [];
  const schema = toSchema(ep.query, "input");
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: "query",
    required: required.has(name),
    ...(typeof s.description === "string" ? { description: s.description } : {}),
    // Lists travel comma-separated in one parameter (symbols=BTC-USD,ETH-USD).
    ...(s.type === "array" ? { style: "form", explode: false } : {}),
    schema: s,
  }));
}

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" }) as JsonSchema;
  delete json.$schema;
  return json;
}
