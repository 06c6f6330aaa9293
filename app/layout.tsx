import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Execution Intelligence", template: "%s · Execution Intelligence" },
  description: "Pre-trade cost forecasts, smart order routing, live monitoring and post-trade TCA for crypto trading desks.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { themeColor: "#0f172a" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans text-sm">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
