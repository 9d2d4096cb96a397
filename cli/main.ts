import { AppError } from '@/lib/errors';

// Admin command line: `npm run cli -- <command>`. It uses DATABASE_URL, or the
// embedded database of `npm run dev` under .data/ (started for the command if
// it is not running). Commands live in ./commands.ts, loaded once the database
// is known because the Prisma client connects on import.

async function main() {
  let stopLocal: (() => Promise<void>) | undefined;
  const wantsHelp = process.argv.length <= 2 || process.argv.some((a) => a === '--help' || a === '-h' || a === 'help');
  if (!process.env.DATABASE_URL && !wantsHelp) {
    const { openLocalDatabase } = await import('./local-database');
    const local = await openLocalDatabase();
    process.env.DATABASE_URL = local.url;
    stopLocal = local.stop;
  }
  process.env.DATABASE_URL ??= 'postgresql://unset';
  const { program } = await import('./commands');
  const { closeDb } = await import('@/lib/db/client');
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    console.error(`error: ${e instanceof AppError ? e.message : e instanceof Error ? e.message : String(e)}`);
    process.exitCode = e instanceof AppError ? 2 : 1;
  } finally {
    await closeDb();
    await stopLocal?.();
  }
}

main();
