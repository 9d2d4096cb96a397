import 'server-only';
import path from 'node:path';
import { db } from '@/lib/db/client';
import { addUser } from '@/lib/users/add-user';
import { readManifestFolder } from './read-manifest-folder';
import { addArticles } from './add-articles';
import { indexSentences } from '@/lib/sentences/index-sentences';
import { backfillSentences } from '@/lib/sentences/backfill-sentences';

export const DEMO_PROJECT_NAME = 'Albania–Iran 2022';
export const DEMO_PASSWORD = 'crosscheck-demo';
export const DEMO_ACCOUNTS = [
  { email: 'admin@example.com', name: 'Ada Admin', role: 'ADMIN' },
  { email: 'analyst@example.com', name: 'Ana Analyst', role: 'ANALYST' },
  { email: 'analyst2@example.com', name: 'Ben Analyst', role: 'ANALYST' },
  { email: 'reviewer@example.com', name: 'Rita Reviewer', role: 'REVIEWER' },
] as const;

const DEMO_DIR = path.join(process.cwd(), 'data', 'demo', 'albania-iran-2022');

/**
 * The demo project and, outside production, its demo accounts. Idempotent:
 * a second run finds everything in place and creates nothing.
 */
export async function seedDemo(): Promise<{ projectId: string; added: number; accounts: boolean }> {
  const corpus = await readManifestFolder(DEMO_DIR);
  const project = await db.project.upsert({
    where: { name: DEMO_PROJECT_NAME },
    create: { name: DEMO_PROJECT_NAME, description: corpus.description },
    update: {},
    select: { id: true },
  });
  const { added } = await addArticles(project.id, corpus.articles);
  // A demo database made before sentences existed gets them now.
  await backfillSentences(project.id);
  // The seed runs before the server starts: the demo is fully indexed when it opens.
  await indexSentences();
  const production = process.env.NODE_ENV === 'production';
  if (!production) {
    for (const account of DEMO_ACCOUNTS) {
      const existing = await db.user.findUnique({ where: { email: account.email }, select: { id: true } });
      await addUser({ ...account, projectId: project.id, password: existing ? undefined : DEMO_PASSWORD });
    }
  }
  return { projectId: project.id, added, accounts: !production };
}
