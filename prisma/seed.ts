import { seedDemo, DEMO_PROJECT_NAME } from '@/lib/corpus/seed-demo';
import { closeDb } from '@/lib/db/client';

async function main() {
  const result = await seedDemo();
  console.log(`seed: "${DEMO_PROJECT_NAME}" ready (${result.added} articles added)${result.accounts ? '' : '; demo accounts skipped in production'}`);
  await closeDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
