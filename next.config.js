// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// SONDEO_BENCH_BUILD=1 (set by bench/harness.ts when it builds and starts the app) makes a second
// build in .next-bench in which `route.bench.ts` files are routes too: the benchmarks' baseline
// routes. The production build (.next) does not contain them.
const benchBuild = process.env.SONDEO_BENCH_BUILD === "1";
const PAGE_EXTENSIONS = ["tsx", "ts", "jsx", "js"];
/** A request whose Accept-Encoding lists br. */
const ACCEPTS_BR = /** @type {const} */ ({ type: "header", key: "accept-encoding", value: "(?:.*[\\s,])?br(?:[\\s,;].*)?" });

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
  async rewrites() {
    return {
      // The respondent pages' assets, Brotli-compressed at build time, to browsers that accept br
      // (app/assets-br/[file]/route.ts); the address and its caching stay those of /assets/.
      beforeFiles: [
        {
          source: "/assets/:file([\\w-]+-[A-Z0-9]{8}\\.(?:js|css))",
          has: [ACCEPTS_BR],
          destination: "/assets-br/:file",
        },
      ],
    };
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
        // What the rewrite above hands to app/assets-br/ is already Brotli (Next.js drops a route
        // handler's own Content-Encoding, and then leaves the body as it is).
        source: "/assets/:file([\\w-]+-[A-Z0-9]{8}\\.(?:js|css))",
        has: [ACCEPTS_BR],
        headers: [
          { key: "Content-Encoding", value: "br" },
          { key: "Vary", value: "Accept-Encoding" },
        ],
      },
      {
        source: "/assets-br/:file",
        headers: [
          { key: "Content-Encoding", value: "br" },
          { key: "Vary", value: "Accept-Encoding" },
        ],
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
