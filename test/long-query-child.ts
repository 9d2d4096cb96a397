// Run by test/integration/dead-client.test.ts as a separate process: one long
// query through the app's own pool (lib/db/client.ts), then the test kills
// this process while the query runs.
import { sql } from '@/lib/db/client';

void sql`SELECT pg_sleep(120), 'crosscheck-dead-client-probe' AS probe`.catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
