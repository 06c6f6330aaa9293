/** The dashboard's navigation, grouped by where in the trade loop each page sits. */
export interface NavItem {
  href: string;
  label: string;
  /** Not built yet: the page explains what it will show. */
  soon?: boolean;
}

export const NAV_SECTIONS: { title: string; items: NavItem[] }[] = [
  { title: "Market", items: [{ href: "/markets", label: "Markets" }] },
  {
    title: "Pre-trade",
    items: [
      { href: "/forecast", label: "Forecast" },
      { href: "/simulate", label: "Simulate" },
    ],
  },
  {
    title: "Execution",
    items: [
      { href: "/orders", label: "Orders" },
      { href: "/live", label: "Live" },
    ],
  },
  {
    title: "Post-trade",
    items: [
      { href: "/review", label: "Review" },
      { href: "/summary", label: "Summary" },
      { href: "/decisions", label: "Decisions" },
    ],
  },
];

export function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
