// @ts-check
const isDev = process.env.NODE_ENV !== "production";

// Pages need inline scripts for React Server Components' payload; dev mode also needs eval.
const pageCsp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const common = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // For readable CPU profiles of `next start`, build with `experimental: { serverMinification: false }`:
  // the unminified server chunks are kept in memory as source once per route (~40 MB more heap).
  serverExternalPackages: ["better-sqlite3", "pg", "ccxt"],
  async headers() {
    return [
      { source: "/v1/:path*", headers: [...common, { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
      { source: "/((?!v1/).*)", headers: [...common, { key: "Content-Security-Policy", value: pageCsp }] },
    ];
  },
};

module.exports = nextConfig;
