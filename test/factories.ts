import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/db/generated/client';
import { articleFields, type NewArticle } from '@/lib/articles/article-fields';
import { storeSentences } from '@/lib/sentences/store-sentences';
import { generateToken, hashToken } from '@/lib/tokens/token-secret';
import type { Role } from '@/lib/db/generated/enums';

// Factories for tests: every call makes fresh rows with a random suffix, so
// tests never share mutable data and can run in any order. Used by the
// integration tier (vitest) and by Playwright specs, which run outside Next.

let client: PrismaClient | undefined;
export function testDb(): PrismaClient {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set for tests');
  const host = new URL(process.env.DATABASE_URL).hostname;
  // Refuse to write test data anywhere but a local database.
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new Error(`Tests refuse non-local database host ${host}`);
  client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 4, options: '-c TimeZone=UTC' }) });
  return client;
}

export const suffix = () => randomBytes(4).toString('hex');
export const TEST_PASSWORD = 'test-password-123';
let cachedHash: string | undefined;

export async function makeUser(opts: { name?: string } = {}) {
  cachedHash ??= await argon2.hash(TEST_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const s = suffix();
  return testDb().user.create({
    data: { email: `user-${s}@test.example`, name: opts.name ?? `User ${s}`, passwordHash: cachedHash },
    select: { id: true, email: true, name: true },
  });
}

export async function makeProject(name = `Project ${suffix()}`) {
  return testDb().project.create({ data: { name }, select: { id: true, name: true } });
}

export async function addMember(userId: string, projectId: string, ...roles: Role[]) {
  for (const role of roles) await testDb().membership.create({ data: { userId, projectId, role } });
}

/** An article with its sentences, stored the way lib/corpus/add-articles.ts stores one. */
export async function makeArticle(projectId: string, input: Partial<NewArticle> = {}) {
  const fields = articleFields({ title: `Article ${suffix()}`, outlet: 'Test Outlet', text: 'Some text.', ...input });
  return testDb().$transaction(async (tx) => {
    const article = await tx.article.create({ data: { ...fields, projectId }, select: { id: true, text: true, textHash: true, length: true } });
    await storeSentences(tx, article.id, fields.text);
    return article;
  });
}

export async function makeToken(userId: string) {
  const token = generateToken();
  await testDb().apiToken.create({ data: { userId, name: 'test', tokenHash: hashToken(token), prefix: token.slice(0, 10) } });
  return token;
}

/** A project with an admin, two analysts and a reviewer, and one article. */
export async function makeTeam(text = 'Albania cut ties with Iran. Tehran denied it.') {
  const project = await makeProject();
  const [admin, analyst, analyst2, reviewer, outsider] = await Promise.all([
    makeUser({ name: 'Admin' }),
    makeUser({ name: 'Analyst' }),
    makeUser({ name: 'Analyst Two' }),
    makeUser({ name: 'Reviewer' }),
    makeUser({ name: 'Outsider' }),
  ]);
  await addMember(admin.id, project.id, 'ADMIN');
  await addMember(analyst.id, project.id, 'ANALYST');
  await addMember(analyst2.id, project.id, 'ANALYST');
  await addMember(reviewer.id, project.id, 'REVIEWER');
  const otherProject = await makeProject();
  await addMember(outsider.id, otherProject.id, 'ANALYST');
  const article = await makeArticle(project.id, { text });
  const otherArticle = await makeArticle(otherProject.id, { text: 'Other project text.' });
  return { project, admin, analyst, analyst2, reviewer, outsider, otherProject, article, otherArticle };
}
