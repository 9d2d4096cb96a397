import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { seedDemo, DEMO_PROJECT_NAME } from '@/lib/corpus/seed-demo';
import { migrateDeploy } from '../../scripts/migrate';
import { testDb, suffix } from '../factories';

describe('demo seed', () => {
  it('creates the demo project with its five articles and accounts, and a second run creates nothing', async () => {
    const first = await seedDemo();
    const counts = async () => ({
      projects: await testDb().project.count({ where: { name: DEMO_PROJECT_NAME } }),
      articles: await testDb().article.count({ where: { projectId: first.projectId } }),
      members: await testDb().membership.count({ where: { projectId: first.projectId } }),
      users: await testDb().user.count({ where: { email: { endsWith: '@example.com' } } }),
    });
    const before = await counts();
    expect(before).toMatchObject({ projects: 1, articles: 5, members: 4 });
    const second = await seedDemo();
    expect(second).toMatchObject({ projectId: first.projectId, added: 0 });
    expect(await counts()).toEqual(before);
    const outlets = await testDb().article.findMany({ where: { projectId: first.projectId }, select: { outlet: true }, orderBy: { externalId: 'asc' } });
    expect(outlets.map((o) => o.outlet)).toEqual(['Cyber Daily', 'Privacy Ninja', 'Galactik Views', null, 'Tech Monitor']);
    // Every demo article is split into sentences when it is stored.
    const withoutSentences = await testDb().article.count({ where: { projectId: first.projectId, sentences: { none: {} } } });
    expect(withoutSentences).toBe(0);
  });
});

describe('migrations', () => {
  it('migrate an empty database from scratch through the offline adapter', async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const name = `cc_scratch_${suffix()}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      migrateDeploy(url.toString());
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      const { rows } = await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
      const { rows: checks } = await c.query(`SELECT conname FROM pg_constraint WHERE conname = 'Annotation_offsets_check'`);
      const { rows: indexes } = await c.query(
        `SELECT indexname FROM pg_indexes WHERE indexname IN ('Sentence_tsv_idx', 'Sentence_text_trgm_idx', 'Link_pair_key') ORDER BY 1`,
      );
      await c.end();
      expect(rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['Annotation', 'Article', 'User', 'Membership', 'Sentence', 'Link', 'Claim', 'SuggestionDismissal', '_prisma_migrations']),
      );
      expect(checks).toHaveLength(1);
      // Sentences are searched through their tsvector only (the trigram index went in 20261121120000).
      expect(indexes.map((r) => r.indexname)).toEqual(['Link_pair_key', 'Sentence_tsv_idx']);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
