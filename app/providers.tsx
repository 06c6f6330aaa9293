"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { isRetryable, isUnauthorized } from "@/lib/queries/api-fetch";

const SIGN_IN = "/sign-in";

export function Providers({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  // The caches are created once; they read the current router and path through a ref.
  const nav = useRef({ router, pathname });
  useEffect(() => {
    nav.current = { router, pathname };
  }, [router, pathname]);

  const [queryClient] = useState(() => {
    const onUnauthorized = (error: unknown) => {
      if (!isUnauthorized(error)) return;
      const { router: r, pathname: path } = nav.current;
      if (path.startsWith(SIGN_IN)) return;
      r.replace(`${SIGN_IN}?next=${encodeURIComponent(path)}`);
    };
    return new QueryClient({
      // A 401 from any query means the session is gone: go and sign in again.
      queryCache: new QueryCache({ onError: onUnauthorized }),
      // Mutations too; on /sign-in itself a 401 means "unknown key" and the form shows it.
      mutationCache: new MutationCache({ onError: onUnauthorized }),
      defaultOptions: {
        queries: {
          retry: (failureCount, error) => isRetryable(error) && failureCount < 2,
          retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4000),
          refetchOnWindowFocus: true,
        },
        mutations: { retry: false },
      },
    });
  });

  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
