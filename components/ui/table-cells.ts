/** Class names of the dashboard's dense data tables: header cell and body cell. */
export const TH = "whitespace-nowrap px-2 py-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-500";
export const TD = "whitespace-nowrap px-2 py-1.5";
