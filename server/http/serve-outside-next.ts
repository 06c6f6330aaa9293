import type { IncomingMessage, ServerResponse } from "node:http";
import { API_SECURITY_HEADERS } from "./api-security-headers";
import type { RouteHandler } from "./fast-routes";

/** parse-request.ts refuses more; reading one byte past it lets it say so. */
const MAX_BODY_BYTES = 256 * 1024 + 1;

/**
 * Serves one request with a route handler (the same function Next.js would call) directly
 * on Node's http objects: the body is read (bounded), the handler gets a Web Request, and
 * its Response is written with the API's security headers (next.config.js adds the same to
 * every /v1 response). Used for control actions, which must answer fast under load.
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
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const host = typeof req.headers.host === "string" && req.headers.host ? req.headers.host : "localhost";
    const body = size > 0 ? Buffer.concat(chunks, size) : undefined;
    const request = new Request(`http://${host}${req.url ?? "/"}`, { method: req.method ?? "POST", headers, ...(body ? { body } : {}) });
    void handler(request, { params: Promise.resolve(params) })
      .then(async (response) => {
        const text = Buffer.from(await response.arrayBuffer());
        const out: Record<string, string | string[]> = { ...API_SECURITY_HEADERS };
        response.headers.forEach((value, name) => (out[name] = value));
        const cookies = response.headers.getSetCookie();
        if (cookies.length > 0) out["set-cookie"] = cookies;
        out["content-length"] = String(text.length);
        res.writeHead(response.status, out);
        res.end(text);
      })
      .catch(() => {
        // withRequest turns every error into the envelope; reaching here means the socket is gone.
        res.destroy();
      });
  });
}
