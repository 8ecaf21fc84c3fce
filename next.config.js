// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// SONDEO_BENCH_BUILD=1 (set by bench/harness.ts when it builds and starts the app) makes a second
// build in .next-bench in which `route.bench.ts` files are routes too: the benchmarks' baseline
// routes. The production build (.next) does not contain them.
const benchBuild = process.env.SONDEO_BENCH_BUILD === "1";
const PAGE_EXTENSIONS = ["tsx", "ts", "jsx", "js"];

/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir: benchBuild ? ".next-bench" : ".next",
  pageExtensions: benchBuild ? [...PAGE_EXTENSIONS, "bench.ts"] : PAGE_EXTENSIONS,
  // better-sqlite3 is a native addon: keep it out of the bundle.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  compress: true,
  reactStrictMode: true,
  // The needs profile became the question summary (every question of any survey); old links and
  // bookmarks keep working, filters included (Next passes the query string through).
  async redirects() {
    return [{ source: "/admin/surveys/:slug/needs/profile", destination: "/admin/surveys/:slug/summary", permanent: true }];
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
        ],
      },
      {
        // The respondent pages' scripts and stylesheets (scripts/build-respondent-assets.ts): their
        // names carry a hash of their content, so a browser may keep them for good.
        source: "/assets/:file([\\w-]+-[A-Z0-9]{8}\\.(?:js|css))",
        headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }],
      },
      {
        // JSON answers are never rendered as documents nor framed.
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
