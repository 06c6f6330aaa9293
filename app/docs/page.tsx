import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import pkg from "@/package.json";
import { buildOpenApi } from "@/server/http/build-openapi";

export const metadata: Metadata = { title: "API reference" };

type Json = Record<string, unknown>;

const rec = (x: unknown): Json => (x !== null && typeof x === "object" && !Array.isArray(x) ? (x as Json) : {});
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | undefined => (typeof x === "string" ? x : undefined);

const METHOD_ORDER = ["get", "post", "put", "patch", "delete"];
const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-800 ring-sky-200",
  post: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  put: "bg-amber-100 text-amber-800 ring-amber-200",
  patch: "bg-amber-100 text-amber-800 ring-amber-200",
  delete: "bg-rose-100 text-rose-800 ring-rose-200",
};

interface Operation {
  id: string;
  method: string;
  path: string;
  tag: string;
  op: Json;
}

/** Every operation of the OpenAPI document, grouped by tag in document order. */
function operations(doc: Json): Map<string, Operation[]> {
  const byTag = new Map<string, Operation[]>();
  for (const [path, item] of Object.entries(rec(doc.paths))) {
    const methods = Object.entries(rec(item)).sort(([a], [b]) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b));
    for (const [method, value] of methods) {
      const op = rec(value);
      const tag = str(arr(op.tags)[0]) ?? "Other";
      const id = str(op.operationId) ?? `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-");
      const list = byTag.get(tag) ?? [];
      list.push({ id, method, path, tag, op });
      byTag.set(tag, list);
    }
  }
  return byTag;
}

/** A short type label for a JSON schema: "string", "integer ≥ 1", "array of number", "A | B". */
function typeLabel(schema: Json): string {
  if (typeof schema.$ref === "string") return schema.$ref.split("/").at(-1) ?? "object";
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const anyOf = arr(schema.anyOf ?? schema.oneOf);
  if (anyOf.length > 0) return anyOf.map((s) => typeLabel(rec(s))).join(" | ");
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (str(schema.type) ?? "any");
  if (type === "array") return `array of ${typeLabel(rec(schema.items))}`;
  const extras = [
    typeof schema.minimum === "number" ? `≥ ${schema.minimum}` : "",
    typeof schema.maximum === "number" ? `≤ ${schema.maximum}` : "",
    typeof schema.maxLength === "number" ? `max ${schema.maxLength} chars` : "",
    typeof schema.pattern === "string" ? `pattern ${schema.pattern}` : "",
  ].filter(Boolean);
  return [type, ...extras].join(", ");
}

/** Renders `code` spans of a description (the OpenAPI text uses Markdown backticks). */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/g).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") && part.length > 2 ? (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.9em] text-slate-800">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

function JsonBlock({ label, value, open = false }: { label: ReactNode; value: unknown; open?: boolean }) {
  return (
    <details className="group rounded border border-slate-200 bg-slate-50" open={open}>
      <summary className="cursor-pointer list-none select-none px-3 py-1.5 text-xs font-medium text-slate-700 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
        <span aria-hidden className="mr-1 inline-block text-slate-400 group-open:rotate-90">▶</span>
        {label}
      </summary>
      <pre className="max-h-[28rem] overflow-auto border-t border-slate-200 bg-white px-3 py-2 font-mono text-[11px] leading-4 text-slate-800">
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}

function OperationCard({ o }: { o: Operation }) {
  const { op } = o;
  const secured = arr(op.security).length > 0;
  const params = arr(op.parameters).map(rec);
  const body = rec(rec(rec(rec(op.requestBody).content)["application/json"]).schema);
  const hasBody = Object.keys(body).length > 0;
  const responses = Object.entries(rec(op.responses));
  const success = responses.filter(([status]) => status.startsWith("2"));
  const errors = responses.filter(([status]) => !status.startsWith("2"));

  return (
    <section id={o.id} className="scroll-mt-16 rounded-md border border-slate-200 bg-white shadow-sm" data-testid={`op-${o.method}-${o.path}`}>
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2.5">
        <span className={`rounded px-1.5 py-0.5 font-mono text-[11px] font-bold uppercase ring-1 ring-inset ${METHOD_STYLE[o.method] ?? "bg-slate-100 text-slate-700 ring-slate-200"}`}>
          {o.method}
        </span>
        <code className="font-mono text-sm font-semibold text-slate-900">{o.path}</code>
        <span className="text-sm text-slate-600">— {str(op.summary)}</span>
        <span
          className={`ml-auto rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset ${
            secured ? "bg-slate-800 text-slate-100 ring-slate-700" : "bg-slate-100 text-slate-600 ring-slate-200"
          }`}
        >
          {secured ? "Auth: Bearer key or session" : "Auth: none"}
        </span>
      </header>
      <div className="space-y-3 px-4 py-3">
        {str(op.description) && (
          <p className="text-sm leading-6 text-slate-700">
            <Prose text={str(op.description) ?? ""} />
          </p>
        )}

        {params.length > 0 && (
          <div>
            <h4 className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">Parameters</h4>
            <table className="w-full border-collapse text-xs">
              <thead>
                <tr className="border-b border-slate-200 text-left text-[11px] text-slate-500">
                  <th className="py-1 pr-3 font-medium">Name</th>
                  <th className="py-1 pr-3 font-medium">In</th>
                  <th className="py-1 pr-3 font-medium">Required</th>
                  <th className="py-1 pr-3 font-medium">Type</th>
                  <th className="py-1 font-medium">Description</th>
                </tr>
              </thead>
              <tbody>
                {params.map((p) => {
                  const schema = rec(p.schema);
                  return (
                    <tr key={`${str(p.in)}-${str(p.name)}`} className="border-b border-slate-100 align-top last:border-b-0">
                      <td className="py-1 pr-3 font-mono font-medium text-slate-900">{str(p.name)}</td>
                      <td className="py-1 pr-3 text-slate-600">{str(p.in)}</td>
                      <td className="py-1 pr-3">{p.required === true ? <span className="font-medium text-rose-700">yes</span> : <span className="text-slate-500">no</span>}</td>
                      <td className="py-1 pr-3 font-mono text-[11px] text-slate-700">{typeLabel(schema)}</td>
                      <td className="py-1 text-slate-600">
                        <Prose text={str(p.description) ?? str(schema.description) ?? ""} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}

        {hasBody && <JsonBlock label="Request body (application/json)" value={body} />}

        {success.map(([status, r]) => {
          const schema = rec(rec(rec(rec(r).content)["application/json"]).schema);
          return Object.keys(schema).length > 0 ? (
            <JsonBlock key={status} label={`Response ${status} — schema`} value={schema} />
          ) : (
            <p key={status} className="text-xs text-slate-600">
              Response <span className="font-mono">{status}</span>: {str(rec(r).description) ?? "no body"}
            </p>
          );
        })}

        {errors.length > 0 && (
          <p className="text-xs text-slate-600">
            <span className="font-medium text-slate-700">Errors</span> (
            <a href="#error-envelope" className="text-sky-700 hover:underline">
              error envelope
            </a>
            ):{" "}
            {errors.map(([status, r], i) => (
              <span key={status}>
                {i > 0 && " · "}
                <span className="font-mono">{status}</span> <span className="text-slate-500">{str(rec(r).description)}</span>
              </span>
            ))}
          </p>
        )}
      </div>
    </section>
  );
}

export default function DocsPage() {
  const doc = buildOpenApi(pkg.version);
  const info = rec(doc.info);
  const groups = operations(doc);
  const schemes = Object.entries(rec(rec(doc.components).securitySchemes));
  const errorEnvelope = rec(rec(rec(doc.components).schemas).ErrorEnvelope);

  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-30 flex h-12 items-center justify-between border-b border-slate-800 bg-slate-900 px-4 text-slate-100">
        <div className="flex items-center gap-3">
          <Link href="/markets" className="flex items-center gap-2 font-semibold tracking-tight">
            <span aria-hidden className="grid size-6 place-items-center rounded bg-emerald-500 text-[11px] font-bold text-slate-900">
              EI
            </span>
            <span>Execution Intelligence</span>
          </Link>
          <span className="text-slate-500">/</span>
          <span className="text-sm text-slate-300">API reference</span>
        </div>
        <nav className="flex items-center gap-4 text-xs">
          <a href="/v1/openapi.json" className="rounded border border-slate-600 px-2 py-1 font-mono text-slate-200 hover:border-slate-400 hover:bg-slate-800" data-testid="openapi-link">
            /v1/openapi.json
          </a>
          <Link href="/markets" className="text-slate-300 hover:text-white">
            Dashboard →
          </Link>
        </nav>
      </header>

      <div className="mx-auto flex max-w-7xl gap-6 px-5 py-5">
        <aside className="sticky top-16 hidden h-[calc(100vh-5rem)] w-56 shrink-0 overflow-y-auto lg:block">
          {[...groups.entries()].map(([tag, ops]) => (
            <div key={tag} className="mb-4">
              <p className="mb-1 text-[10px] font-semibold uppercase tracking-wider text-slate-400">{tag}</p>
              <ul className="space-y-0.5">
                {ops.map((o) => (
                  <li key={o.id}>
                    <a href={`#${o.id}`} className="flex items-baseline gap-1.5 rounded px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-200/60">
                      <span className="w-10 shrink-0 font-mono text-[10px] font-bold uppercase text-slate-500">{o.method}</span>
                      <span className="break-all font-mono">{o.path}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <a href="#error-envelope" className="block rounded px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-200/60">
            Error envelope
          </a>
        </aside>

        <main className="min-w-0 flex-1 space-y-6" data-testid="api-docs">
          <section>
            <div className="flex items-baseline gap-3">
              <h1 className="text-xl font-semibold text-slate-900">{str(info.title) ?? "API reference"}</h1>
              <span className="rounded bg-slate-200 px-1.5 py-0.5 font-mono text-xs text-slate-700">v{str(info.version)}</span>
              <span className="text-xs text-slate-500">OpenAPI {str(doc.openapi)}</span>
            </div>
            {str(info.description) && (
              <p className="mt-2 max-w-4xl text-sm leading-6 text-slate-700">
                <Prose text={str(info.description) ?? ""} />
              </p>
            )}
            <div className="mt-3 grid max-w-4xl gap-3 text-xs text-slate-600 md:grid-cols-2">
              <div className="rounded-md border border-slate-200 bg-white p-3">
                <p className="font-semibold text-slate-800">Authentication</p>
                <p className="mt-1 leading-5">
                  Send <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.{" "}
                  {schemes.map(([name, s]) => (
                    <span key={name}>{str(rec(s).description)}. </span>
                  ))}
                  <code className="font-mono">seq_test_</code> keys trade in the sandbox. The dashboard uses a session cookie instead.
                </p>
              </div>
              <div className="rounded-md border border-slate-200 bg-white p-3">
                <p className="font-semibold text-slate-800">Conventions</p>
                <p className="mt-1 leading-5">
                  JSON in snake_case. Every response carries <code className="font-mono">X-Request-Id</code> (send your own, ≤128 chars, or one is
                  generated). Errors always use the{" "}
                  <a href="#error-envelope" className="text-sky-700 hover:underline">
                    error envelope
                  </a>
                  . The machine-readable document is at{" "}
                  <a href="/v1/openapi.json" className="font-mono text-sky-700 hover:underline">
                    /v1/openapi.json
                  </a>
                  .
                </p>
              </div>
            </div>
          </section>

          {[...groups.entries()].map(([tag, ops]) => (
            <section key={tag} className="space-y-3">
              <h2 className="border-b border-slate-200 pb-1 text-sm font-semibold uppercase tracking-wide text-slate-500">{tag}</h2>
              {ops.map((o) => (
                <OperationCard key={o.id} o={o} />
              ))}
            </section>
          ))}

          <section id="error-envelope" className="scroll-mt-16 space-y-2">
            <h2 className="border-b border-slate-200 pb-1 text-sm font-semibold uppercase tracking-wide text-slate-500">Error envelope</h2>
            <p className="text-sm text-slate-700">
              Every error, on every endpoint:{" "}
              <code className="font-mono text-xs">{`{"error":{"code","message","request_id","details":[{"field","message"}]}}`}</code>
            </p>
            <JsonBlock label="ErrorEnvelope schema" value={errorEnvelope} open />
          </section>
        </main>
      </div>
    </div>
  );
}
