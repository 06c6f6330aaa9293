import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { ENDPOINTS } from "@/lib/contracts/endpoints";
import { REASON_CODES } from "@/lib/reason-messages";
import { buildOpenApi } from "./build-openapi";

const appV1 = join(__dirname, "..", "..", "app", "v1");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return entry === "route.ts" ? [path] : [];
  });
}

describe("OpenAPI document", () => {
  const doc = buildOpenApi("test") as { paths: Record<string, Record<string, { parameters: { name: string; style?: string }[] }>> };

  it("documents every route under app/v1 (the catalogue cannot drift from the routes)", () => {
    const routes = routeFiles(appV1)
      .map((f) => "/v1/" + relative(appV1, f).split(sep).slice(0, -1).join("/"))
      .map((p) => p.replace(/\/$/, ""))
      .filter((p) => !p.includes("[...") && p !== "/v1/openapi.json");
    for (const route of routes) expect(Object.keys(doc.paths), route).toContain(route.replace(/\[(\w+)\]/g, "{$1}"));
  });

  it("has one operation per catalogue entry, with list parameters comma-separated", () => {
    for (const ep of ENDPOINTS) expect(doc.paths[ep.path]?.[ep.method], `${ep.method} ${ep.path}`).toBeTruthy();
    const symbols = doc.paths["/v1/quotes"]?.get?.parameters.find((p) => p.name === "symbols");
    expect(symbols?.style).toBe("form");
  });

  it("documents reject_reason as the closed set of reason codes, with reason_message beside it, in the order schema", () => {
    const found: { codes: string[]; message: boolean }[] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (typeof node !== "object" || node === null) return;
      const props = (node as { properties?: Record<string, { enum?: string[]; anyOf?: { enum?: string[] }[] }> }).properties;
      const reason = props?.reject_reason;
      if (reason) found.push({ codes: reason.enum ?? reason.anyOf?.flatMap((a) => a.enum ?? []) ?? [], message: "reason_message" in props });
      Object.values(node).forEach(visit);
    };
    // The order schema may be shared by reference, so the whole document is searched.
    visit(doc);
    expect(found.length).toBeGreaterThanOrEqual(1);
    for (const f of found) expect({ codes: [...f.codes].sort(), message: f.message }).toEqual({ codes: [...REASON_CODES].sort(), message: true });
  });

  it("documents health's 503 as the health body (down) or the error envelope (starting)", () => {
    const health = (buildOpenApi("test") as { paths: Record<string, { get: { responses: Record<string, unknown> } }> }).paths["/v1/health"]?.get;
    const down = JSON.stringify(health?.responses["503"]);
    expect(down).toContain("store_health");
    expect(down).toContain("#/components/schemas/ErrorEnvelope");
    expect(JSON.stringify(health?.responses["200"])).toContain("last_write_ok_at_ns");
  });
});
