import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorEnvelope } from "@/lib/contracts/errors";
import type { AdmissionController } from "./create-admission-controller";
import { API_SECURITY_HEADERS } from "./api-security-headers";
import { matchFastRoute, type FastRoute } from "./fast-routes";
import { serveOutsideNext } from "./serve-outside-next";
import { resolveRequestId } from "./request-id";

/**
 * Load shedding in front of Next.js. Refusing inside a route handler (withRequest) still
 * costs Next's whole request pipeline, about a millisecond of CPU per request on the 2-core
 * machine; under a flood that is enough for the refusals alone to saturate the event loop,
 * so every request (and /v1/health) queues behind them and accepted work starves. Here the
 * http server's "request" event is answered before Next sees it: a refusal costs tens of
 * microseconds, and in-flight counts every /v1 request the process holds, queued inside
 * Next or being handled.
 *
 * /v1/health, /v1/openapi.json and control actions (kill switch, cancel, pause, resume)
 * are never shed nor counted in flight; health and the control actions (fast-routes.ts)
 * are served here, outside Next's pipeline. Pages and static files pass untouched. A
 * stream (SSE) is checked on entry but holds no in-flight slot: it stays open for minutes
 * doing little. Headers are the API's own from next.config.js.
 */
const NEVER_SHED = new Set(["/v1/health", "/v1/openapi.json"]);

interface Emitter {
  emit(event: string | symbol, ...args: unknown[]): boolean;
}

/**
 * Wraps `target.emit` (an http.Server, or http.Server.prototype for every server in the
 * process) so /v1 requests pass the admission controller first. Returns the undo function.
 */
export function installFrontGate(
  target: Emitter,
  admission: AdmissionController,
  /** Which requests are served here (tests pass their own handlers). */
  matchRoute: (method: string | undefined, path: string) => FastRoute | undefined = matchFastRoute,
): () => void {
  const original = target.emit;
  target.emit = function gatedEmit(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request" && gate(args[0] as IncomingMessage, args[1] as ServerResponse, admission, matchRoute)) return true;
    return original.call(this, event, ...args);
  };
  admission.setFronted(true);
  return () => {
    target.emit = original;
    admission.setFronted(false);
  };
}

/** True when the request was taken here (refused, or a fast route served outside Next). */
function gate(req: IncomingMessage, res: ServerResponse, admission: AdmissionController, matchRoute: typeof matchFastRoute): boolean {
  const url = req.url ?? "/";
  const path = url.split("?", 1)[0] as string;
  if (!path.startsWith("/v1/")) return false;
  const fast = matchRoute(req.method, path);
  if (fast) {
    serveOutsideNext(req, res, fast.handler, fast.params);
    return true;
  }
  if (NEVER_SHED.has(path)) return false;
  const verdict = admission.admit();
  if (verdict.ok) {
    if (path.endsWith("/stream")) verdict.release();
    else res.once("close", verdict.release);
    return false;
  }
  const header = req.headers["x-request-id"];
  const { id } = resolveRequestId(typeof header === "string" ? header : null);
  const { error } = verdict;
  const body: ErrorEnvelope = { error: { code: error.code, message: error.message, request_id: id, details: error.details } };
  const text = JSON.stringify(body);
  res.writeHead(error.status, {
    ...API_SECURITY_HEADERS,
    ...error.headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    "X-Request-Id": id,
  });
  res.end(text);
  // The body, if any, is not read: drain it so the connection stays usable (keep-alive).
  req.resume();
  return true;
}
