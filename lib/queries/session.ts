"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { SessionResponseSchema, type SessionResponse } from "@/lib/contracts/session";
import { apiFetch, apiFetchNoContent, type ApiClientError } from "./api-fetch";
import { queryKeys } from "./keys";

/** Who is signed in (GET /v1/session). A 401 here means "not signed in". */
export function useSession() {
  return useQuery<SessionResponse, ApiClientError>({
    queryKey: queryKeys.session,
    queryFn: ({ signal }) => apiFetch("/v1/session", SessionResponseSchema, { signal }),
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  });
}

/** Exchanges an API key for the session cookie (POST /v1/session). */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation<SessionResponse, ApiClientError, { key: string }>({
    mutationFn: ({ key }) => apiFetch("/v1/session", SessionResponseSchema, { method: "POST", body: { key } }),
    onSuccess: (session) => {
      // Another desk may have been signed in before: drop everything it loaded.
      queryClient.removeQueries();
      queryClient.setQueryData(queryKeys.session, session);
    },
  });
}

/** Ends the session (DELETE /v1/session) and forgets all cached data, even if the call fails. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiClientError, void>({
    mutationFn: () => apiFetchNoContent("/v1/session", { method: "DELETE" }),
    onSettled: async () => {
      await queryClient.cancelQueries();
      queryClient.removeQueries();
    },
  });
}
