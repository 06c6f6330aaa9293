import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "./api-error";
import { API_SECURITY_HEADERS } from "./api-security-headers";
import { errorResponse } from "./error-response";
import type { RouteHandler } from "./fast-routes";
import { resolveRequestId } from "./request-id";

/** parse-request.ts refuses more; reading one byte past it lets it say so. */
const MAX_BODY_BYTES = 256 * 1024 + 1;

/**
 * Serves one request with a route handler (the same function Next.js would call) directly
 * on Node's http objects: the body is read (bounded), the handler gets a Web Request, and
 * its Response is written with the API's security headers (next.config.js adds the same to
 * every /v1 response). Used for health and the control actions, which must answer fast
 * under load. A request that cannot be made into a Web Request (a Host header that is no
 * host) gets the 400 envelope; nothing here may throw into the http server.
 */
export function serveOutsideNext(req: IncomingMessage, res: ServerResponse, handler: RouteHandler, params: Record<string, string>): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    if (size >= MAX_BODY_BYTES) return; // keep draining, stop keeping
    chunks.push(chunk);
    size += chunk.length;
  });
  req.once("error", () => res.destroy());
  req.once("end", () => {
    let request: Request;
    try {
      request = toWebRequest(req, size > 0 ? Buffer.concat(chunks, size) : undefined);
    } catch {
      const header = req.headers["x-request-id"];
      const { id } = resolveRequestId(typeof header === "string" ? header : null);
      void write(res, errorResponse(new ApiError("BAD_REQUEST", "Malformed request (Host header or URL)"), id, () => {}));
      return;
    }
    void handler(request, { params: Promise.resolve(params) }).then(
      (response) => write(res, response),
      // withRequest turns every error into the envelope; reaching here means the socket is gone.
      () => res.destroy(),
    );
  });
}

function toWebRequest(req: IncomingMessage, body: Buffer | undefined): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? "GET";
  const host = typeof req.headers.host === "string" && req.headers.host ? req.headers.host : "localhost";
  // A GET or HEAD cannot carry a body in a Web Request; the handlers would not read one.
  const init: RequestInit = { method, headers };
  if (body && method !== "GET" && method !== "HEAD") init.body = new Uint8Array(body);
  return new Request(`http://${host}${req.url ?? "/"}`, init);
}

async function write(res: ServerResponse, response: Response): Promise<void> {
  try {
    const text = Buffer.from(await response.arrayBuffer());
    const out: Record<string, string | string[]> = { ...API_SECURITY_HEADERS };
    response.headers.forEach((value, name) => (out[name] = value));
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) out["set-cookie"] = cookies;
    out["content-length"] = String(text.length);
    res.writeHead(response.status, out);
    res.end(text);
  } catch {
    res.destroy();
  }
}
