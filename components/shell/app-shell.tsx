"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import type { SessionResponse } from "@/lib/contracts/session";
import { isUnauthorized } from "@/lib/queries/api-fetch";
import { useHealth } from "@/lib/queries/health";
import { useSession, useSignOut } from "@/lib/queries/session";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { ErrorState } from "@/components/ui/states";
import { MarketIndicator } from "./market-indicator";
import { isActive, NAV_SECTIONS } from "./nav";
import { forgetReturnPath, rememberReturnPath } from "./return-path";

/**
 * The signed-in frame: top bar (product, desk, role, sandbox, sign-out) and side
 * navigation. Without a session (GET /v1/session → 401) it sends the user to /sign-in.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const session = useSession();
  const router = useRouter();
  const pathname = usePathname();
  const unauthorized = isUnauthorized(session.error);

  useEffect(() => {
    if (!unauthorized) return;
    rememberReturnPath(window.location.pathname + window.location.search);
    router.replace("/sign-in");
  }, [unauthorized, router]);

  if (session.data) {
    return (
      <div className="min-h-screen">
        <TopBar session={session.data} />
        <div className="flex">
          <SideNav pathname={pathname} />
          <main className="min-w-0 flex-1 px-5 py-4">{children}</main>
        </div>
      </div>
    );
  }

  return (
    <div className="flex min-h-screen items-center justify-center bg-slate-50 p-6">
      {session.isError && !unauthorized ? (
        <ErrorState
          error={session.error}
          title="Could not check your session"
          onRetry={() => void session.refetch()}
          className="w-full max-w-lg"
        />
      ) : (
        <p role="status" className="text-sm text-slate-500">
          {unauthorized ? "Redirecting to sign-in…" : "Checking session…"}
        </p>
      )}
    </div>
  );
}

function TopBar({ session }: { session: SessionResponse }) {
  const router = useRouter();
  const signOut = useSignOut();
  return (
    <header className="sticky top-0 z-30 flex h-12 items-center justify-between gap-4 border-b border-slate-800 bg-slate-900 px-4 text-slate-100">
      <Link href="/markets" className="flex items-center gap-2 font-semibold tracking-tight">
        <span aria-hidden className="grid size-6 place-items-center rounded bg-emerald-500 text-[11px] font-bold text-slate-900">
          EI
        </span>
        <span>Execution Intelligence</span>
      </Link>
      <div className="flex items-center gap-3 text-xs">
        <MarketIndicator />
        <span className="h-5 w-px bg-slate-700" aria-hidden />
        <HealthIndicator />
        <span className="h-5 w-px bg-slate-700" aria-hidden />
        <div className="flex items-center gap-2" data-testid="session-info">
          <span className="max-w-56 truncate font-medium text-slate-100" data-testid="desk-name" title={session.desk.id}>
            {session.desk.name}
          </span>
          <Badge tone="dark" testId="role-badge" title="Your key's role">
            {session.role}
          </Badge>
          {session.sandbox && (
            <Badge
              tone="amber"
              testId="sandbox-badge"
              title="This key trades in the sandbox: orders are filled by simulation, never sent to a venue"
              className="font-semibold tracking-wide"
            >
              SANDBOX
            </Badge>
          )}
          <code className="hidden font-mono text-[11px] text-slate-400 xl:inline" title="Key prefix">
            {session.key_prefix}…
          </code>
        </div>
        <button
          type="button"
          data-testid="sign-out"
          disabled={signOut.isPending}
          onClick={() => {
            forgetReturnPath();
            signOut.mutate(undefined, { onSettled: () => router.replace("/sign-in") });
          }}
          className="rounded border border-slate-600 px-2 py-1 font-medium text-slate-200 hover:border-slate-400 hover:bg-slate-800 disabled:opacity-50"
        >
          {signOut.isPending ? "Signing out…" : "Sign out"}
        </button>
      </div>
    </header>
  );
}

function HealthIndicator() {
  const health = useHealth();
  const status = health.isError ? "unreachable" : (health.data?.status ?? "…");
  const dot =
    health.isError || health.data?.status === "down"
      ? "bg-rose-500"
      : health.data?.status === "ok"
        ? "bg-emerald-400"
        : health.data
          ? "bg-amber-400"
          : "bg-slate-500";
  const storeProblem = health.data?.store_health.message;
  return (
    <span className="flex items-center gap-1.5 text-slate-300" data-testid="health-indicator" title={storeProblem ? `GET /v1/health: ${storeProblem}` : "GET /v1/health"}>
      <span aria-hidden className={cx("size-2 rounded-full", dot)} />
      <span>{status}</span>
      {health.data && (
        <span className="hidden text-slate-400 lg:inline">
          · {health.data.store} · v{health.data.version}
        </span>
      )}
    </span>
  );
}

function SideNav({ pathname }: { pathname: string }) {
  return (
    <div className="w-44 shrink-0 border-r border-slate-200 bg-white">
      <nav aria-label="Main" className="sticky top-12 max-h-[calc(100vh-3rem)] overflow-y-auto px-2 py-3">
        {NAV_SECTIONS.map((section) => (
          <div key={section.title} className="mb-3">
            <p className="px-2 pb-1 text-[10px] font-semibold uppercase tracking-wider text-slate-400">{section.title}</p>
            <ul>
              {section.items.map((item) => {
                const active = isActive(pathname, item.href);
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={active ? "page" : undefined}
                      data-testid={`nav-${item.label.toLowerCase()}`}
                      className={cx(
                        "flex items-center justify-between rounded px-2 py-1.5 text-sm",
                        active ? "bg-slate-900 font-medium text-white" : "text-slate-700 hover:bg-slate-100",
                      )}
                    >
                      <span>{item.label}</span>
                      {item.soon && (
                        <span className="text-[10px] uppercase tracking-wide text-slate-400">soon</span>
                      )}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
        <div className="mt-2 border-t border-slate-200 pt-3">
          <Link href="/docs" data-testid="nav-docs" className="flex items-center justify-between rounded px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100">
            <span>API docs</span>
            <span aria-hidden className="text-xs text-slate-400">↗</span>
          </Link>
        </div>
      </nav>
    </div>
  );
}
