import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { backupProject } from '@/lib/backup/backup-project';
import { restoreProject } from '@/lib/backup/restore-project';
import { BACKUP_TABLES } from '@/lib/backup/tables';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { createLink } from '@/lib/links/create-link';
import { createClaim } from '@/lib/claims/create-claim';
import { reviewAnnotation } from '@/lib/review/review-annotation';
import { db } from '@/lib/db/client';
import { as } from '../app-error';
import { makeTeam, testDb } from '../factories';

async function snapshot(projectId: string) {
  const out: Record<string, unknown> = {};
  // In each table's own order (history in the order it was written), without the numbers the database assigns.
  for (const t of BACKUP_TABLES) {
    const rows = await t.delegate(db).findMany({ where: t.where(projectId), orderBy: { [t.order ?? 'id']: 'asc' } });
    out[t.name] = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !t.omit?.includes(k))));
  }
  return JSON.stringify(out);
}

async function collect(gen: AsyncGenerator<string>) {
  let text = '';
  for await (const chunk of gen) text += chunk;
  return text;
}

describe('backup and restore', () => {
  it('round-trips a project exactly: spans, links, claims, reviews, history', async () => {
    const team = await makeTeam('Albania cut ties with Iran 🇦🇱. Tehran denied it.');
    const a = await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 26, label: 'assertion', speaker: 'Rama', note: 'PM' });
    const d = await createAnnotation(as(team.analyst2), team.article.id, { start: 30, end: 46, label: 'denial' });
    await createLink(as(team.analyst), { fromAnnotationId: d.id, toAnnotationId: a.id, kind: 'contradicts' });
    await createClaim(as(team.analyst), { projectId: team.project.id, annotationId: a.id });
    await reviewAnnotation(as(team.reviewer), a.id, { decision: 'approve', version: 1 });
    const before = await snapshot(team.project.id);

    const backup = await collect(backupProject(team.project.id));
    await testDb().project.delete({ where: { id: team.project.id } });
    expect(await testDb().annotation.count({ where: { id: a.id } })).toBe(0);

    const result = await restoreProject(Readable.from([backup]));
    expect(result.projectId).toBe(team.project.id);
    expect(result.rows.Annotation).toBe(2);
    expect(await snapshot(team.project.id)).toBe(before);
    // The search index is not in the file: the restore makes it again.
    const [index] = await testDb().$queryRaw<{ total: number; exact: boolean }[]>`
      SELECT count(*)::int AS total, coalesce(bool_and(s.tsv IS NOT NULL AND s.tsv = to_tsvector('english', s.text)), false) AS exact
        FROM "Sentence" s JOIN "Article" a ON a.id = s."articleId" WHERE a."projectId" = ${team.project.id}`;
    expect(index).toEqual({ total: 2, exact: true });
  });

  it('refuses a truncated backup and restores nothing; refuses to overwrite an existing project', async () => {
    const team = await makeTeam();
    const backup = await collect(backupProject(team.project.id));
    await expect(restoreProject(Readable.from([backup]))).rejects.toMatchObject({ code: 'CONFLICT' });
    await testDb().project.delete({ where: { id: team.project.id } });
    const truncated = backup.split('\n').slice(0, -3).join('\n');
    await expect(restoreProject(Readable.from([truncated]))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await testDb().project.count({ where: { id: team.project.id } })).toBe(0);
  });
});
