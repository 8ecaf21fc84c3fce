// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: keep it out of the bundle.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  compress: true,
  reactStrictMode: true,
};

module.exports = withNextIntl(nextConfig);
