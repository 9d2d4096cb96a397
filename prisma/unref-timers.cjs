// Preloaded into the Prisma CLI by scripts/migrate.ts. Prisma 6.19's WASM schema
// engine leaves a 10 s timer behind after `migrate deploy` has finished, which
// keeps the CLI alive for nothing. Long timers are unref'd so the process exits
// as soon as its real work is done; short ones are left alone.
const originalSetTimeout = global.setTimeout;
global.setTimeout = function setTimeout(fn, ms, ...args) {
  const timer = originalSetTimeout(fn, ms, ...args);
  if (typeof ms === 'number' && ms >= 5000 && timer && typeof timer.unref === 'function') timer.unref();
  return timer;
};
