"use client";

import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { isRetryable, isUnauthorized } from "@/lib/queries/api-fetch";
import { rememberReturnPath } from "@/components/shell/return-path";

const SIGN_IN = "/sign-in";

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // 4xx answers (and contract mismatches) won't change on retry; network errors and 5xx may.
            retry: (failureCount, error) => isRetryable(error) && failureCount < 2,
            retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4000),
            refetchOnWindowFocus: true,
          },
          mutations: { retry: false },
        },
      }),
  );

  return (
    <QueryClientProvider client={queryClient}>
      <RedirectOnUnauthorized />
      {children}
    </QueryClientProvider>
  );
}

/**
 * A 401 from any query or mutation means the session is missing or expired: go to
 * /sign-in, and back to this page afterwards. On /sign-in itself a 401 means "unknown key", which
 * the form shows.
 */
function RedirectOnUnauthorized() {
  const queryClient = useQueryClient();
  const router = useRouter();

  useEffect(() => {
    const check = (error: unknown) => {
      const { pathname, search } = window.location;
      if (!isUnauthorized(error) || pathname.startsWith(SIGN_IN)) return;
      rememberReturnPath(pathname + search);
      router.replace(SIGN_IN);
    };
    const offQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") check(event.action.error);
    });
    const offMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") check(event.action.error);
    });
    return () => {
      offQueries();
      offMutations();
    };
  }, [queryClient, router]);

  return null;
}
