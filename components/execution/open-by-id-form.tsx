"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { cx } from "@/components/ui/cx";
import { INPUT } from "./order-form";

/** "Open by id": a pasted order id goes to `${basePath}/{id}` (Live, Review). */
export function OpenByIdForm({ basePath, label, placeholder, testId }: { basePath: string; label: string; placeholder: string; testId: string }) {
  const id = useId();
  const router = useRouter();
  const [value, setValue] = useState("");
  function open(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = value.trim();
    if (trimmed) router.push(`${basePath}/${encodeURIComponent(trimmed)}`);
  }
  return (
    <form onSubmit={open} className="flex items-center gap-2" data-testid={testId}>
      <label htmlFor={id} className="whitespace-nowrap text-xs text-slate-500">
        {label}
      </label>
      <input id={id} value={value} onChange={(e) => setValue(e.target.value)} placeholder={placeholder} autoComplete="off" spellCheck={false} className={cx(INPUT, "w-56 font-mono text-xs")} />
      <button type="submit" disabled={!value.trim()} className="rounded-md bg-slate-900 px-3 py-1 text-xs font-semibold text-white hover:bg-slate-800 disabled:opacity-50">
        Open
      </button>
    </form>
  );
}
