import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/shell/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-100 px-4 py-10">
      <div className="w-full max-w-md">
        <div className="mb-5 flex items-center gap-2">
          <span aria-hidden className="grid size-8 place-items-center rounded bg-slate-900 text-xs font-bold text-emerald-400">
            EI
          </span>
          <div>
            <p className="text-base font-semibold leading-tight text-slate-900">Execution Intelligence</p>
            <p className="text-xs text-slate-500">Pre-trade cost, smart routing, live monitoring and TCA</p>
          </div>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold text-slate-900">Sign in to your desk</h1>
          <SignInForm />
        </div>
        <div className="mt-4 rounded-md border border-slate-200 bg-white/60 px-4 py-3 text-xs leading-5 text-slate-600">
          <p>
            Running locally? Run <code className="rounded bg-slate-200 px-1 py-0.5 font-mono text-slate-800">npm run keys -- demo</code> to
            see the demo desk&apos;s keys. <code className="font-mono">seq_test_</code> keys trade in the sandbox.
          </p>
        </div>
        <p className="mt-3 text-center text-xs text-slate-500">
          <Link href="/docs" className="hover:text-slate-700 hover:underline">
            API reference
          </Link>
        </p>
      </div>
    </main>
  );
}
