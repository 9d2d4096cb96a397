import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import type { NewArticle } from '@/lib/articles/article-fields';

const manifestSchema = z.object({
  corpus: z.string().optional(),
  description: z.string().optional(),
  articles: z.array(
    z.object({
      file: z.string().regex(/^[^/\\]+$/, 'must be a file name inside the folder'),
      outlet: z.string().nullable().optional(),
      title: z.string().min(1),
      published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').nullable().optional(),
      author: z.string().nullable().optional(),
      url: z.string().nullable().optional(),
      externalId: z.string().nullable().optional(),
    }),
  ),
});

/**
 * Reads a corpus folder described by manifest.json (as the demo corpus is).
 * Each article's externalId defaults to its file name, which keeps re-imports
 * idempotent.
 */
export async function readManifestFolder(dir: string): Promise<{ name?: string; description?: string; articles: NewArticle[] }> {
  const manifestPath = path.join(dir, 'manifest.json');
  const raw = await fs.readFile(manifestPath, 'utf8');
  const parsed = manifestSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('BAD_REQUEST', `${manifestPath}: ${issue.path.join('.')}: ${issue.message}`, { [issue.path.join('.')]: issue.message });
  }
  const articles = await Promise.all(
    parsed.data.articles.map(async (a) => ({
      externalId: a.externalId ?? a.file,
      url: a.url ?? null,
      outlet: a.outlet ?? null,
      title: a.title,
      author: a.author ?? null,
      published: a.published ?? null,
      text: await fs.readFile(path.join(dir, a.file), 'utf8'),
    })),
  );
  return { name: parsed.data.corpus, description: parsed.data.description, articles };
}
