import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "./badge";

/**
 * An honest placeholder for a page that is not built yet: what it will show and which
 * API it will read, with no made-up numbers.
 */
export function ComingSoon({
  title,
  stage,
  summary,
  features,
  endpoints,
  note,
}: {
  title: string;
  stage: string;
  summary: ReactNode;
  features: { name: string; detail: string }[];
  endpoints: string[];
  note?: ReactNode;
}) {
  return (
    <div className="max-w-5xl" data-testid="coming-soon">
      <div className="mb-4 flex items-center gap-3">
        <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
        <Badge tone="neutral">{stage}</Badge>
        <Badge tone="blue">Coming in a later release</Badge>
      </div>
      <section className="rounded-md border border-dashed border-slate-300 bg-white p-5 shadow-sm">
        <p className="max-w-3xl text-sm leading-6 text-slate-700">{summary}</p>
        <h2 className="mt-5 text-xs font-semibold uppercase tracking-wide text-slate-500">What this page will show</h2>
        <ul className="mt-2 grid gap-x-6 gap-y-3 sm:grid-cols-2">
          {features.map((f) => (
            <li key={f.name} className="border-l-2 border-slate-200 pl-3">
              <p className="text-sm font-medium text-slate-800">{f.name}</p>
              <p className="text-xs leading-5 text-slate-500">{f.detail}</p>
            </li>
          ))}
        </ul>
        <h2 className="mt-5 text-xs font-semibold uppercase tracking-wide text-slate-500">Built on</h2>
        <ul className="mt-2 flex flex-wrap gap-2">
          {endpoints.map((e) => (
            <li key={e}>
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{e}</code>
            </li>
          ))}
        </ul>
        {note && <p className="mt-5 text-xs text-slate-500">{note}</p>}
        <p className="mt-5 text-xs text-slate-500">
          Nothing on this page is simulated or sample data. Until it ships, live market data is on{" "}
          <Link href="/markets" className="font-medium text-sky-700 hover:underline">
            Markets
          </Link>{" "}
          and the API is described in the{" "}
          <Link href="/docs" className="font-medium text-sky-700 hover:underline">
            API reference
          </Link>
          .
        </p>
      </section>
    </div>
  );
}
