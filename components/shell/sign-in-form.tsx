"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useSignIn } from "@/lib/queries/session";
import { ErrorState } from "@/components/ui/states";
import { takeReturnPath } from "./return-path";

export function SignInForm() {
  const router = useRouter();
  const signIn = useSignIn();
  const [key, setKey] = useState("");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    signIn.mutate({ key: key.trim() }, { onSuccess: () => router.replace(takeReturnPath("/markets")) });
  }

  const done = signIn.isSuccess;
  return (
    <form onSubmit={submit} className="space-y-4" data-testid="sign-in-form" noValidate>
      <div>
        <label htmlFor="api-key" className="block text-xs font-semibold uppercase tracking-wide text-slate-600">
          API key
        </label>
        <input
          id="api-key"
          name="key"
          type="password"
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          autoFocus
          placeholder="seq_live_… or seq_test_…"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={signIn.isError || undefined}
          aria-describedby={signIn.isError ? "sign-in-error" : "api-key-help"}
          data-testid="api-key-input"
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm outline-none placeholder:font-sans placeholder:text-slate-400 focus:border-slate-500 focus:ring-2 focus:ring-slate-200 aria-[invalid]:border-rose-400"
        />
        <p id="api-key-help" className="mt-1 text-xs text-slate-500">
          The key is exchanged for an httpOnly session cookie; it is not stored in this browser.
        </p>
      </div>

      {signIn.isError && (
        <div id="sign-in-error">
          <ErrorState error={signIn.error} title="Sign-in failed" compact />
        </div>
      )}

      <button
        type="submit"
        disabled={signIn.isPending || done}
        data-testid="sign-in-submit"
        className="w-full rounded-md bg-slate-900 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-slate-800 focus:outline-none focus:ring-2 focus:ring-slate-400 focus:ring-offset-1 disabled:opacity-60"
      >
        {signIn.isPending ? "Signing in…" : done ? "Signed in — loading…" : "Sign in"}
      </button>
    </form>
  );
}
